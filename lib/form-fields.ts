/** Names that mean something to every JavaScript object; a form never has a field called that. */
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A submitted form as a plain record for zod, or the message to show when it
 * cannot be one: a field sent twice, or a field named after an object
 * internal (`__proto__`, `constructor`), which no form of ours has and which
 * must never reach an object as a key.
 */
export function formFields(
  formData: FormData,
): { ok: true; fields: Record<string, FormDataEntryValue> } | { ok: false; error: string } {
  const fields: Record<string, FormDataEntryValue> = Object.create(null);
  for (const [key, value] of formData) {
    if (key.startsWith('$ACTION')) continue; // Next's own progressive-enhancement fields
    const name = key.slice(0, 40);
    if (RESERVED_NAMES.has(key)) {
      return { ok: false, error: `The field "${name}" is not part of this form. Nothing was changed.` };
    }
    if (Object.hasOwn(fields, key))
      return { ok: false, error: `The field "${name}" was sent twice. Nothing was changed.` };
    fields[key] = value;
  }
  return { ok: true, fields };
}
