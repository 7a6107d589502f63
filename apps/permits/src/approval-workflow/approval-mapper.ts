import type {
  ApplicationClockV1,
  ApplicationTransitionV1,
  PermitApplicationStatusV1,
  PermitApplicationV1,
  ProjectType,
} from '@hn/messages';
import type { ApplicationRow, TransitionRow } from './approval.repository';

export function toTransitionV1(t: TransitionRow): ApplicationTransitionV1 {
  return {
    fromStage: t.from_stage,
    toStage: t.to_stage,
    action: t.action,
    state: t.state,
    actor: t.actor,
    actorRole: t.actor_role,
    opinion: t.opinion,
    items: t.items ?? [],
    reasonCode: t.reason_code,
    at: new Date(t.at).toISOString(),
    changes: t.changes ?? [],
    confirmedProjectType: (t.confirmed_project_type ?? null) as ProjectType | null,
  };
}

export function toApplicationV1(
  row: ApplicationRow,
  history: TransitionRow[],
  clock: ApplicationClockV1,
): PermitApplicationV1 {
  const f = row.form;
  return {
    applicationId: row.application_id,
    projectCode: row.project_code,
    projectName: row.project_name,
    regionCode: row.region_code,
    projectType: row.project_type as ProjectType,
    state: row.state,
    stage: row.stage,
    worksCategoryCode: f.worksCategoryCode ?? '01',
    units: f.units,
    developer: { name: row.developer_name, creditCode: row.developer_credit_code },
    constructionUnit: f.constructionUnit,
    contractor: f.contractor,
    supervisor: f.supervisor,
    contractAmountFen: f.contractAmountFen,
    area: f.area,
    plannedStartDate: f.plannedStartDate,
    plannedCompletionDate: f.plannedCompletionDate,
    capitalGuarantee: f.capitalGuarantee ?? null,
    fundSupervision: f.fundSupervision ?? null,
    permitNumber: row.permit_number,
    submittedAt: new Date(row.submitted_at).toISOString(),
    history: history.map(toTransitionV1),
    clock,
  };
}

export function toStatusV1(row: ApplicationRow, history: TransitionRow[]): PermitApplicationStatusV1 {
  const last = history[history.length - 1];
  const returned = [...history].reverse().find((t) => t.action === 'RETURN_FOR_CORRECTION');
  return {
    applicationId: row.application_id,
    projectCode: row.project_code,
    state: row.state,
    stage: row.stage,
    permitNumber: row.permit_number,
    correctionItems: row.state === 'RETURNED' ? (returned?.items ?? []) : [],
    lastOpinion: last?.opinion ?? null,
  };
}
