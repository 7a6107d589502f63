import { regionOf } from '@hn/auth';
// Test fixtures only (integration specs); not used by the service, so its SQL stays out of the repositories.
import { DataSource } from 'typeorm';
import { SimOurFiling, SimPresale } from '../src/market-platform/simulator/market-dataset.types';

/** Puts the simulated presale permits into the replica (normally fed by presale events). */
export async function seedPresaleReplica(dataSource: DataSource, presales: SimPresale[]): Promise<void> {
  await dataSource.query(
    `INSERT INTO presale_replica (presale_number, region_code, project_code, project_name, buildings, issue_date, status, source_time)
     SELECT x."presaleNumber", x."regionCode", x."projectCode", x."projectName", ARRAY(SELECT jsonb_array_elements_text(x.buildings)), x."issueDate"::date, 'VALID', now()
     FROM jsonb_to_recordset($1::jsonb) AS x("presaleNumber" text, "regionCode" text, "projectCode" text, "projectName" text, buildings jsonb, "issueDate" text)`,
    [JSON.stringify(presales)],
  );
}

/**
 * Inserts contract filings as the filing statement would leave them (one room each; cancelled ones
 * with their room inactive), without buyers: reconciliation reads numbers, dates, areas and amounts.
 */
export async function seedOurFilings(
  dataSource: DataSource,
  presales: SimPresale[],
  filings: SimOurFiling[],
): Promise<void> {
  if (filings.length === 0) return;
  const rows = filings.map((f) => {
    const p = presales.find((x) => x.presaleNumber === f.presaleNumber);
    return {
      ...f,
      serial: Number(f.contractNumber.slice(-4)),
      regionCode: p?.regionCode ?? regionOf(f.presaleNumber),
      projectCode: p?.projectCode ?? 'P',
    };
  });
  await dataSource.transaction(async (m) => {
    await m.query(
      `INSERT INTO contract_filing (sandbox, contract_number, presale_number, serial, region_code, project_code, building, client_id, filing_date, contract_amount, record, status, filed_at, cancelled_at, cancel_reason, cancelled_by)
       SELECT false, x."contractNumber", x."presaleNumber", x.serial, x."regionCode", x."projectCode", x.building, 'seed-vendor', x."filingDate"::date, x."amountFen",
              jsonb_build_object('contractNumber', x."contractNumber"), x.status, x."filingDate"::timestamptz,
              CASE WHEN x.status = 'CANCELLED' THEN x."filingDate"::timestamptz + interval '5 days' END,
              CASE WHEN x.status = 'CANCELLED' THEN '协商解除' END, CASE WHEN x.status = 'CANCELLED' THEN 'seed-vendor' END
       FROM jsonb_to_recordset($1::jsonb) AS x("contractNumber" text, "presaleNumber" text, serial int, "regionCode" text, "projectCode" text, building text, "filingDate" text, "amountFen" bigint, status text)`,
      [JSON.stringify(rows)],
    );
    await m.query(
      `INSERT INTO contract_room (sandbox, contract_number, position, presale_number, building, room_number, floor, floor_area, active)
       SELECT false, x."contractNumber", 0, x."presaleNumber", x.building, x."roomNumber", x.floor, x."floorArea", x.status = 'ACTIVE'
       FROM jsonb_to_recordset($1::jsonb) AS x("contractNumber" text, "presaleNumber" text, building text, "roomNumber" text, floor int, "floorArea" numeric, status text)`,
      [JSON.stringify(rows)],
    );
  });
}
