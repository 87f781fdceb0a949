import { withFix, type Diagnostic, type JsonPath } from '../diagnostics/diagnostic.js';
import { makeDiagnostic } from '../diagnostics/policy-meta.js';
import { closest } from '../diagnostics/suggest.js';
import type { RegistrySettings } from '../generated/registry.js';
import type { ScopeCondition, Subprocessor } from '../generated/subprocessor.js';
import type { LoadedFile } from './load-file.js';
import { registryLayout } from './rules.js';
import { SCOPE_KINDS, scopeIds, type ScopeKind } from './scopes.js';

type Declared = ReadonlyMap<string, ScopeKind>;

function declaredScopes(settings: LoadedFile<RegistrySettings>, diagnostics: Diagnostic[]): Declared {
  const declared = new Map<string, ScopeKind>();
  (settings.value.scopes ?? []).forEach((scope, index) => {
    if (declared.has(scope.id)) {
      const path = ['scopes', index, 'id'];
      diagnostics.push(makeDiagnostic(registryLayout, 'duplicate-scope', { file: settings.file, path, ...settings.locate(path) }, { scope: scope.id }));
      return;
    }
    declared.set(scope.id, scope.kind);
  });
  return declared;
}

/** One `when:` checked against the declarations: every id declared, under its own kind. */
function checkCondition(
  sub: LoadedFile<Subprocessor>,
  when: ScopeCondition,
  at: JsonPath,
  declared: Declared,
  settingsFile: string,
  diagnostics: Diagnostic[],
): boolean {
  let valid = true;
  for (const kind of SCOPE_KINDS) {
    const ofKind = [...declared].filter(([, k]) => k === kind).map(([id]) => id);
    const allowed = ofKind.length > 0 ? ofKind.join(', ') : `none declared yet`;
    scopeIds(when, kind)?.forEach((scope, index) => {
      const declaredKind = declared.get(scope);
      if (declaredKind === kind) return;
      valid = false;
      const path = [...at, kind, index];
      const where = { file: sub.file, path, ...sub.locate(path) };
      const data = { kind, scope, settingsFile, allowed };
      if (declaredKind !== undefined) {
        // A single id under the wrong key: renaming the key is the whole fix, unless that key is already there.
        const ids = scopeIds(when, kind) ?? [];
        const fix =
          ids.length === 1 && scopeIds(when, declaredKind) === undefined ? sub.locate.replacement?.([...at, kind], 'key', declaredKind) : undefined;
        diagnostics.push(withFix(makeDiagnostic(registryLayout, 'scope-kind-mismatch', where, { ...data, declaredKind }), fix));
        return;
      }
      const suggestion = closest(scope, ofKind);
      diagnostics.push(
        suggestion
          ? withFix(
              makeDiagnostic(registryLayout, 'unknown-scope-suggest', where, { ...data, suggestion: suggestion.best }),
              suggestion.unique ? sub.locate.replacement?.(path, 'value', suggestion.best) : undefined,
            )
          : makeDiagnostic(registryLayout, 'unknown-scope', where, data),
      );
    });
  }
  return valid;
}

/** A place's when: narrows the vendor's; an id the vendor's own when: leaves out names a place that never applies. */
function checkNarrowing(sub: LoadedFile<Subprocessor>, diagnostics: Diagnostic[]): boolean {
  let valid = true;
  sub.value.locations.forEach((location, index) => {
    for (const kind of SCOPE_KINDS) {
      const vendor = scopeIds(sub.value.when, kind);
      if (vendor === undefined) continue;
      scopeIds(location.when, kind)?.forEach((scope, at) => {
        if (vendor.includes(scope)) return;
        valid = false;
        const path = ['locations', index, 'when', kind, at];
        diagnostics.push(makeDiagnostic(registryLayout, 'scope-outside-vendor', { file: sub.file, path, ...sub.locate(path) }, { kind, scope }));
      });
    }
  });
  return valid;
}

/**
 * Every scope id a subprocessor or a location names is declared in registry.yaml under the kind it is named as.
 * Returns the files that name one wrongly: like an unknown category, they are left out of what the policies judge.
 */
export function checkScopes(settings: LoadedFile<RegistrySettings>, subprocessors: readonly LoadedFile<Subprocessor>[], diagnostics: Diagnostic[]): Set<string> {
  const declared = declaredScopes(settings, diagnostics);
  const invalid = new Set<string>();
  for (const sub of subprocessors) {
    // Most entries name no scope at all: nothing to check, and nothing to allocate for them.
    if (sub.value.when === undefined && sub.value.locations.every((l) => l.when === undefined)) continue;
    const conditions: [ScopeCondition | undefined, JsonPath][] = [
      [sub.value.when, ['when']],
      ...sub.value.locations.map((l, i): [ScopeCondition | undefined, JsonPath] => [l.when, ['locations', i, 'when']]),
    ];
    let valid = true;
    for (const [when, at] of conditions) if (when && !checkCondition(sub, when, at, declared, settings.file, diagnostics)) valid = false;
    if (valid && !checkNarrowing(sub, diagnostics)) valid = false;
    if (!valid) invalid.add(sub.file);
  }
  return invalid;
}
