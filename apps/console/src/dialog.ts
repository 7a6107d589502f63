import { Child, h } from './dom.js';

export interface ConfirmOptions {
  title: string;
  /** what happens, e.g. the records that get locked */
  body: Array<Child | Child[]>;
  confirm: string;
  /** a text the person must enter (e.g. the note of a rejection); resolved with it */
  input?: { label: string; required: boolean; maxlength: number };
}

/**
 * A modal <dialog> (native focus trap, Escape cancels, focus back to the opener): resolves with
 * the entered text (or '' without an input) when confirmed, null when cancelled.
 */
export function confirmDialog(options: ConfirmOptions): Promise<string | null> {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const titleId = `dlg-${Math.random().toString(36).slice(2, 8)}`;
  const text = options.input
    ? h('textarea', {
        id: `${titleId}-input`,
        name: 'dialogInput',
        rows: 3,
        maxlength: options.input.maxlength,
        required: options.input.required,
      })
    : null;
  const error = h('p', { class: 'error', role: 'alert', id: `${titleId}-error` });
  const ok = h('button', { type: 'submit', class: 'primary', value: 'ok' }, options.confirm);
  const cancel = h('button', { type: 'button', value: 'cancel' }, '取消 Cancel');
  const form = h(
    'form',
    { method: 'dialog', novalidate: true },
    h('h2', { id: titleId }, options.title),
    h('div', { class: 'dialog-body' }, ...options.body),
    text && options.input
      ? h('div', { class: 'field' }, h('label', { for: text.id }, options.input.label), text)
      : null,
    error,
    h('div', { class: 'actions' }, ok, cancel),
  );
  // the error line describes the text box, as the page's own fields are described by theirs
  if (text) text.setAttribute('aria-describedby', error.id);
  const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': titleId }, form);
  document.body.appendChild(dialog);
  return new Promise((resolve) => {
    let answer: string | null = null;
    cancel.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', (event) => {
      if (text && options.input?.required && !text.value.trim()) {
        event.preventDefault();
        error.textContent = `请填写${options.input.label} (required)`;
        text.setAttribute('aria-invalid', 'true');
        text.focus();
        return;
      }
      answer = text ? text.value.trim() : '';
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      opener?.focus();
      resolve(answer);
    });
    dialog.showModal();
    (text ?? cancel).focus();
  });
}
