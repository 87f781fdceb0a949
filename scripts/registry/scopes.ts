import type { RegistrySettings } from '../generated/registry.js';
import type { ScopeCondition } from '../generated/subprocessor.js';

/** The keys of `when:`, in the order they are read out ("for Mobile app, with AI features, in EU cloud"). */
export const SCOPE_KINDS = ['product', 'feature', 'residency'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export type ScopeDeclaration = NonNullable<RegistrySettings['scopes']>[number];

/** The ids `when:` names under one kind; undefined when it names none (the kind does not restrict). */
export function scopeIds(when: ScopeCondition | undefined, kind: ScopeKind): readonly string[] | undefined {
  return when?.[kind];
}

/**
 * Whether everything `inner` applies to is also covered by `outer`: for every kind `outer` restricts, `inner`
 * restricts it too, to ids `outer` lists. No condition applies everywhere. The change table reads a scope that no
 * longer contains the old one as widened: some customers' data now goes where it did not.
 */
export function conditionContains(outer: ScopeCondition | undefined, inner: ScopeCondition | undefined): boolean {
  return SCOPE_KINDS.every((kind) => {
    const limit = scopeIds(outer, kind);
    if (limit === undefined) return true;
    const ids = scopeIds(inner, kind);
    return ids !== undefined && ids.every((id) => limit.includes(id));
  });
}

/** The same scopes, whatever the order the ids or kinds are written in. */
export function sameCondition(a: ScopeCondition | undefined, b: ScopeCondition | undefined): boolean {
  return conditionContains(a, b) && conditionContains(b, a);
}

const KIND_WORDS = { product: 'for', feature: 'with', residency: 'in' } as const satisfies Record<ScopeKind, string>;

/**
 * A condition in words, for the list, the changelog and the notices: "only with AI features", "only for Mobile app,
 * in EU cloud or US cloud". Titles come from the declarations; an id nobody declared (an older release) stays an id.
 */
export function scopeWords(when: ScopeCondition | undefined, declared: readonly ScopeDeclaration[] = []): string | undefined {
  if (!when) return undefined;
  const title = (id: string) => declared.find((d) => d.id === id)?.title ?? id;
  const parts = SCOPE_KINDS.flatMap((kind) => {
    const ids = scopeIds(when, kind);
    return ids ? [`${KIND_WORDS[kind]} ${ids.map(title).join(' or ')}`] : [];
  });
  return parts.length > 0 ? `only ${parts.join(', ')}` : undefined;
}

/**
 * Whether a condition holds in one declared scope (release.schema.json's reading): it names no id of the scope's
 * kind, or names the scope. A place applies when its own when: and its entry's both do.
 */
export function appliesIn(when: ScopeCondition | undefined, scope: Pick<ScopeDeclaration, 'id' | 'kind'>): boolean {
  const ids = scopeIds(when, scope.kind);
  return ids === undefined || ids.includes(scope.id);
}
