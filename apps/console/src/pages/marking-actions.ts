import { ApiError, postJson, request, SessionExpired } from '../api.js';
import { h } from '../dom.js';
import { label, PROJECT_TYPES } from '../labels.js';
import { go } from '../route.js';
import { confirmDialog } from '../widgets/confirm-dialog.js';
import { markingSelection, MAX_PER_REQUEST, SelectedProject } from './marking-selection.js';

interface MarkedProject {
  projectCode: string;
  projectName: string;
  projectType: string;
  markingState: string;
  permitNumbers: string[];
}

/** The page's result area and how to show the list again as the server has it now. */
export interface MarkingContext {
  result: HTMLElement;
  rerender: (notice: string) => Promise<void>;
}

/** A refusal in the result area: the server's detail and code, and each listed item. */
export function showProblem(result: HTMLElement, err: unknown): void {
  if (err instanceof SessionExpired || !(err instanceof ApiError)) {
    go('/login', { expired: '1' });
    return;
  }
  result.className = 'error';
  result.replaceChildren(h('p', {}, `${err.problem.detail} (${err.problem.code})`));
  if (err.problem.errors?.length)
    result.appendChild(
      h(
        'ul',
        {},
        err.problem.errors.map((e) => h('li', {}, `${e.field}: ${e.reason}`)),
      ),
    );
  result.focus();
}

function refuse(ctx: MarkingContext, text: string, focus?: HTMLElement): void {
  ctx.result.className = 'error';
  ctx.result.textContent = text;
  (focus ?? ctx.result).focus();
}

function busy(ctx: MarkingContext, text: string): void {
  ctx.result.className = 'notice';
  ctx.result.textContent = text;
}

/** 批量标记: the ticked permits' projects as a draft of the chosen type. Locked projects: the server refuses (409). */
export async function markSelected(ctx: MarkingContext, type: HTMLSelectElement, first: HTMLElement): Promise<void> {
  const permitNumbers = markingSelection.permitNumbers();
  if (!permitNumbers.length) return refuse(ctx, '请先勾选施工许可证 (tick permits first)', first);
  if (!type.value) return refuse(ctx, '请选择项目类型 (choose a type)', type);
  if (permitNumbers.length > MAX_PER_REQUEST)
    return refuse(ctx, `一次最多标记 ${MAX_PER_REQUEST} 张施工许可证，请缩小筛选范围 (at most ${MAX_PER_REQUEST})`);
  busy(ctx, '正在标记… (marking)');
  try {
    const res = await postJson<{ projects: MarkedProject[]; unchanged: string[] }>(
      '/api/v1/supervision/marking/batch',
      { permitNumbers, projectType: type.value },
    );
    markingSelection.update(res.projects);
    await ctx.rerender(
      `已将 ${res.projects.length} 个项目标记为「${label(PROJECT_TYPES, type.value)}」（草稿，提交后生效）` +
        (res.unchanged.length ? `；${res.unchanged.length} 个项目原已是该类型` : '') +
        ` (marked ${res.projects.length} project(s))`,
    );
  } catch (err) {
    showProblem(ctx.result, err);
  }
}

/** 撤回: the caller's own newest unsubmitted step (no body). */
export async function withdrawLastStep(ctx: MarkingContext): Promise<void> {
  busy(ctx, '正在撤回… (withdrawing)');
  try {
    const res = await request('/api/v1/supervision/marking/withdraw', { method: 'POST' });
    const body = (await res.json()) as {
      withdrawnType: string;
      projects: Array<{ projectCode: string; projectType: string | null }>;
      superseded: string[];
    };
    markingSelection.update(body.projects.map((p) => ({ ...p, markingState: p.projectType ? 'DRAFT' : null })));
    await ctx.rerender(
      `已撤回上一步「标记为${label(PROJECT_TYPES, body.withdrawnType)}」：${body.projects.length} 个项目恢复到该步之前` +
        (body.superseded.length ? `；${body.superseded.length} 个项目此后已由他人重新标记，保留他人的标记` : '') +
        ' (withdrawn)',
    );
  } catch (err) {
    showProblem(ctx.result, err);
  }
}

function projectLine(p: SelectedProject): HTMLElement {
  return h(
    'li',
    {},
    h('strong', {}, p.projectName || '（未命名）'),
    ` ${p.projectCode}（${p.regionCode}）→ ${label(PROJECT_TYPES, p.projectType, '未标记')}，`,
    `勾选的施工许可证 ${p.permitNumbers.length} 张`,
  );
}

/**
 * 提交: names what gets locked (every project of the ticked permits, with all its permits) in a
 * confirmation dialog first. Unmarked or already submitted projects cannot be submitted (the server
 * would refuse the whole request): they are named instead.
 */
export async function submitSelected(ctx: MarkingContext, first: HTMLElement): Promise<void> {
  const projects = markingSelection.projects();
  if (!projects.length) return refuse(ctx, '请先勾选要提交的施工许可证 (tick permits first)', first);
  if (markingSelection.size > MAX_PER_REQUEST)
    return refuse(ctx, `一次最多提交 ${MAX_PER_REQUEST} 张施工许可证，请缩小筛选范围 (at most ${MAX_PER_REQUEST})`);
  const unmarked = projects.filter((p) => !p.projectType || !p.markingState);
  const locked = projects.filter((p) => p.markingState === 'SUBMITTED');
  if (unmarked.length || locked.length) {
    const names = (list: SelectedProject[]): string => list.map((p) => p.projectName || p.projectCode).join('、');
    return refuse(
      ctx,
      [
        unmarked.length ? `以下项目尚未标记（或类型由工改系统给定，无需提交）：${names(unmarked)}` : '',
        locked.length ? `以下项目已提交锁定：${names(locked)}` : '',
        '请取消勾选后再提交 (untick them first)',
      ]
        .filter(Boolean)
        .join('；'),
    );
  }
  const confirmed = await confirmDialog({
    id: 'submit-dialog',
    title: `提交并锁定 ${projects.length} 个项目的标记？`,
    body: [
      h(
        'p',
        {},
        '提交后以下项目的类型生效并锁定（含各项目的全部施工许可证）：不能再标记或撤回，工改系统推送也不能再改变；确需更正须书面报告省厅，由省厅管理员纠错。',
      ),
      h('ul', { class: 'locked-list' }, projects.map(projectLine)),
    ],
    confirm: `确认提交并锁定 ${projects.length} 个项目`,
  });
  if (!confirmed) return;
  busy(ctx, '正在提交… (submitting)');
  try {
    const res = await postJson<{ projects: MarkedProject[] }>('/api/v1/supervision/marking/submit', {
      permitNumbers: markingSelection.permitNumbers(),
    });
    markingSelection.clear();
    await ctx.rerender(
      `已提交并锁定 ${res.projects.length} 个项目的标记：` +
        res.projects.map((p) => `${p.projectName}（${label(PROJECT_TYPES, p.projectType)}）`).join('、') +
        ' (submitted and locked)',
    );
  } catch (err) {
    showProblem(ctx.result, err);
  }
}
