import { Injectable } from '@nestjs/common';
import { DigestAlertCountV1, DigestAssessmentV1, DigestFigureV1, StatisticsDigestV1 } from '@hn/messages';
import { regionName } from '@hn/numbering';
import { DataSource, EntityManager } from 'typeorm';
import { AlertTransitionRow } from './digest-deltas';

interface DigestRow {
  id: string;
  region_code: string;
  level: StatisticsDigestV1['level'];
  digest_date: string;
  previous_date: string | null;
  figures: DigestFigureV1[];
  alerts_raised: DigestAlertCountV1[];
  alerts_cleared: DigestAlertCountV1[];
  generated_at: Date;
  assessment: DigestAssessmentV1 | null;
}

const COLUMNS = `id, region_code, level, to_char(digest_date, 'YYYY-MM-DD') AS digest_date,
  to_char(previous_date, 'YYYY-MM-DD') AS previous_date, figures, alerts_raised, alerts_cleared, generated_at, assessment`;

export function toDigestV1(r: DigestRow): StatisticsDigestV1 {
  return {
    id: r.id,
    regionCode: r.region_code,
    regionName: regionName(r.region_code) ?? r.region_code,
    level: r.level,
    date: r.digest_date,
    previousDate: r.previous_date,
    figures: r.figures,
    alertsRaised: r.alerts_raised,
    alertsCleared: r.alerts_cleared,
    generatedAt: new Date(r.generated_at).toISOString(),
    assessment: r.assessment ?? null,
  };
}

const DIGEST_LOCK = 'statistics-digest';

/** SQL of the statistics digests (statistics_digest) and the alert transitions they count. */
@Injectable()
export class DigestRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs `work` while holding the digest lock (one generator at a time). With `wait`, waits for it;
   * without, null when another holds it.
   */
  async exclusively<T>(work: () => Promise<T>, wait: boolean): Promise<T | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      if (wait) await runner.query(`SELECT pg_advisory_lock(hashtextextended($1, 13))`, [DIGEST_LOCK]);
      else {
        const [row] = (await runner.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 13)) AS locked`, [
          DIGEST_LOCK,
        ])) as [{ locked: boolean }];
        if (!row.locked) return null;
      }
      try {
        return await work();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 13))`, [DIGEST_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  /** The regions that already have their digest of the date. */
  async regionsWithDigest(m: EntityManager, date: string): Promise<Set<string>> {
    const rows = (await m.query(`SELECT region_code FROM statistics_digest WHERE digest_date = $1`, [date])) as Array<{
      region_code: string;
    }>;
    return new Set(rows.map((r) => r.region_code));
  }

  /** The latest digest of each region before the date. */
  async previousDigests(m: EntityManager, date: string): Promise<Map<string, StatisticsDigestV1>> {
    const rows = (await m.query(
      `SELECT DISTINCT ON (region_code) ${COLUMNS} FROM statistics_digest
        WHERE digest_date < $1 ORDER BY region_code, digest_date DESC`,
      [date],
    )) as DigestRow[];
    return new Map(rows.map((r) => [r.region_code, toDigestV1(r)]));
  }

  /** Inserts the digest unless the region has one for the date; true when this call wrote it. */
  async insert(m: EntityManager, d: StatisticsDigestV1): Promise<boolean> {
    const rows = (await m.query(
      `INSERT INTO statistics_digest (id, region_code, level, digest_date, previous_date, figures, alerts_raised,
         alerts_cleared, generated_at, assessment)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9, $10::jsonb)
       ON CONFLICT ON CONSTRAINT statistics_digest_region_date_uq DO NOTHING RETURNING id`,
      [
        d.id,
        d.regionCode,
        d.level,
        d.date,
        d.previousDate,
        JSON.stringify(d.figures),
        JSON.stringify(d.alertsRaised),
        JSON.stringify(d.alertsCleared),
        d.generatedAt,
        d.assessment === null ? null : JSON.stringify(d.assessment),
      ],
    )) as unknown[];
    return rows.length === 1;
  }

  async countOnDate(m: EntityManager, date: string): Promise<number> {
    const [row] = (await m.query(`SELECT count(*)::int AS n FROM statistics_digest WHERE digest_date = $1`, [
      date,
    ])) as [{ n: number }];
    return row.n;
  }

  /** One region's digests, newest first. */
  async list(
    m: EntityManager,
    region: string,
    from: string | null,
    to: string | null,
    page: { offset: number; limit: number },
  ): Promise<{ rows: StatisticsDigestV1[]; total: number }> {
    const where = `region_code = $1 AND ($2::date IS NULL OR digest_date >= $2) AND ($3::date IS NULL OR digest_date <= $3)`;
    const [rows, [count]] = await Promise.all([
      m.query(`SELECT ${COLUMNS} FROM statistics_digest WHERE ${where} ORDER BY digest_date DESC LIMIT $4 OFFSET $5`, [
        region,
        from,
        to,
        page.limit,
        page.offset,
      ]) as Promise<DigestRow[]>,
      m.query(`SELECT count(*)::int AS n FROM statistics_digest WHERE ${where}`, [region, from, to]) as Promise<
        [{ n: number }]
      >,
    ]);
    return { rows: rows.map(toDigestV1), total: count.n };
  }

  /**
   * Alerts raised (opened, or opened again) and cleared (CLEARED or DISMISSED) as recorded in the window,
   * by the alert's region code and type.
   */
  async alertTransitions(m: EntityManager, from: Date, to: Date): Promise<AlertTransitionRow[]> {
    return (await m.query(
      `SELECT a.region_code, a.type,
              CASE WHEN h.to_state = 'OPEN' THEN 'RAISED' ELSE 'CLEARED' END AS kind, count(*)::int AS n
         FROM alert_history h JOIN alert a ON a.id = h.alert_id
        WHERE h.recorded_at >= $1 AND h.recorded_at < $2
          AND ((h.to_state = 'OPEN' AND (h.from_state IS NULL OR h.from_state IN ('CLEARED','DISMISSED')))
               OR h.to_state IN ('CLEARED','DISMISSED'))
        GROUP BY 1, 2, 3`,
      [from, to],
    )) as AlertTransitionRow[];
  }
}
