import { Child, h } from '../dom.js';

export interface ConfirmOptions {
  id: string;
  title: string;
  body: Array<Child | Child[]>;
  confirm: string;
  cancel?: string;
}

/**
 * A modal confirmation (<dialog> with showModal: focus trapped, Esc cancels, the page behind inert),
 * titled and described for screen readers; focus starts on 取消 (the safe choice) and goes back to
 * the control that opened it. Resolves true only for the confirm button.
 */
export function confirmDialog(options: ConfirmOptions): Promise<boolean> {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const titleId = `${options.id}-title`;
  const bodyId = `${options.id}-body`;
  const cancel = h('button', { type: 'submit', value: 'cancel', autofocus: true }, options.cancel ?? '取消 Cancel');
  const dialog = h(
    'dialog',
    { id: options.id, class: 'confirm', 'aria-labelledby': titleId, 'aria-describedby': bodyId },
    h(
      'form',
      { method: 'dialog' },
      h('h2', { id: titleId }, options.title),
      h('div', { id: bodyId, class: 'confirm-body' }, ...options.body),
      h(
        'div',
        { class: 'actions' },
        cancel,
        h(
          'button',
          { type: 'submit', value: 'confirm', class: 'primary', id: `${options.id}-confirm` },
          options.confirm,
        ),
      ),
    ),
  );
  document.body.appendChild(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const confirmed = dialog.returnValue === 'confirm';
      dialog.remove();
      if (opener?.isConnected) opener.focus();
      resolve(confirmed);
    });
    dialog.showModal();
    cancel.focus();
  });
}
