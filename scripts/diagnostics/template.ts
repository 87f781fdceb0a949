export type MessageData = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** Thrown when a message template names data that the reporter did not give: a bug in a check, never user error. */
export class TemplateError extends Error {}

/** Fills `{{name}}` placeholders; a placeholder left without data is a programming error and throws. */
export function renderTemplate(template: string, data: MessageData = {}): string {
  return template.replace(PLACEHOLDER, (_match, key: string) => {
    const value = data[key];
    if (value === undefined) throw new TemplateError(`message placeholder {{${key}}} has no value in "${template}"`);
    return String(value);
  });
}
