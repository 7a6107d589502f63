/** A tiny element builder: no framework, text always set as text (never HTML), so server data cannot inject markup. */
export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Array<Child | Child[]>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: Array<Child | Child[]>): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(
      typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child,
    );
  }
}

/** A labelled form field: label, control, and an error slot the control points at with aria-describedby. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): HTMLElement {
  const id = control.id || `f-${control.name}`;
  control.id = id;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  control.setAttribute('aria-describedby', `${id}-error`);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, error);
}

export function select(name: string, options: Array<[string, string]>, value: string): HTMLSelectElement {
  const el = h('select', { name, id: `f-${name}` });
  for (const [v, text] of options) el.appendChild(h('option', { value: v, selected: v === value }, text));
  return el;
}

/** Shows each server field error next to its control (aria-invalid + the described-by text); clears the others. */
export function showFieldErrors(form: HTMLFormElement, errors: Array<{ field: string; reason: string }>): string[] {
  const unplaced: string[] = [];
  for (const el of Array.from(form.querySelectorAll<HTMLElement>('.field-error'))) {
    el.hidden = true;
    el.textContent = '';
  }
  for (const control of Array.from(form.querySelectorAll('[aria-invalid]'))) control.removeAttribute('aria-invalid');
  let first: HTMLElement | null = null;
  for (const e of errors) {
    const control = form.querySelector<HTMLElement>(`[name="${CSS.escape(e.field)}"]`);
    const slot = control ? form.querySelector<HTMLElement>(`#${CSS.escape(control.id)}-error`) : null;
    if (!control || !slot) {
      unplaced.push(`${e.field}: ${e.reason}`);
      continue;
    }
    control.setAttribute('aria-invalid', 'true');
    slot.hidden = false;
    slot.textContent = slot.textContent ? `${slot.textContent}；${e.reason}` : e.reason;
    first ??= control;
  }
  first?.focus();
  return unplaced;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  // shown in China time: the platform's working day
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${d.toISOString().slice(0, 16).replace('T', ' ')}`;
}

/** Saves a file the page made or fetched (a download by a hidden link; the URL is revoked afterwards). */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
