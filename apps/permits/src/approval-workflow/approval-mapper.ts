import type {
  CapitalGuaranteeFieldsV1,
  ScanContentTypeV1,
  StoredScanV1,
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

/** 项目资本保证金承诺函 as shown (never the bytes); null when none was uploaded. */
export function commitmentLetterOf(row: ApplicationRow): StoredScanV1 | null {
  if (!row.letter_sha256) return null;
  return {
    sha256: row.letter_sha256,
    contentType: row.letter_content_type as ScanContentTypeV1,
    size: Number(row.letter_size),
    fileName: row.letter_file_name!,
    uploadedAt: new Date(row.letter_uploaded_at!).toISOString(),
  };
}

/** The form's capital guarantee with the kept letter (the stored form never holds a scan reference). */
export function capitalGuaranteeOf(row: ApplicationRow): CapitalGuaranteeFieldsV1 | null {
  const g = row.form.capitalGuarantee;
  if (!g) return null;
  return { applies: g.applies, amountFen: g.amountFen ?? null, commitmentLetter: commitmentLetterOf(row) };
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
    capitalGuarantee: capitalGuaranteeOf(row),
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
    commitmentLetter: commitmentLetterOf(row),
  };
}
