import { Injectable, Logger } from '@nestjs/common';
import { CloudEvent } from '@hn/messages';
import { EntityManager } from 'typeorm';
import {
  filingContribution,
  permitContribution,
  presaleContribution,
  projectContribution,
} from '../figures/contributions';
import { addContributionChange, noDeltas } from '../figures/deltas';
import {
  EscrowVersion,
  FactVersions,
  FilingVersion,
  PermitVersion,
  PresaleVersion,
  ProjectVersion,
} from '../figures/fact-versions';
import { Contribution } from '../figures/timeline';
import { parseStatisticsEvent } from './statistics-event-parser';
import { StatisticsFactsRepository } from './statistics-facts.repository';

const groupBy = <T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> => {
  const out = new Map<string, T[]>();
  for (const t of list) out.set(key(t), [...(out.get(key(t)) ?? []), t]);
  return out;
};

/**
 * One event in one transaction: the versions it states go into rm_stat_*, then every record group
 * whose figures they can change (a permit, a presale permit, a project, a filing) is recomputed from
 * all its versions and the difference is added to the aggregates. Order of events does not matter:
 * a group's contribution is a function of the set of its versions. Groups are serialised by the locks
 * of the records they read (a project lock covers its permits and presale permits).
 */
@Injectable()
export class StatisticsProjector {
  private readonly logger = new Logger(StatisticsProjector.name);

  constructor(private readonly repo: StatisticsFactsRepository) {}

  async apply(event: CloudEvent<unknown>, m: EntityManager): Promise<void> {
    const f = await parseStatisticsEvent(event, this.logger);
    if (!f || Object.values(f).every((list) => list.length === 0)) return;
    await this.lockFor(m, f);
    for (const kind of ['permits', 'projects', 'presales', 'escrows', 'filings'] as const)
      await this.repo.insertVersions(m, kind, f[kind]);
    await this.recompute(m, await this.groupsOf(m, f));
  }

  /** The locks of every record the event's groups read, with the projects its records were under before. */
  private async lockFor(m: EntityManager, f: FactVersions): Promise<void> {
    const permits = f.permits.map((p) => p.permitNumber);
    const presales = f.presales.map((s) => s.presaleNumber);
    const keys = (projects: string[]): string[] => [
      ...projects.map((c) => `project:${c}`),
      ...presales.map((n) => `presale:${n}`),
      ...f.escrows.map((e) => `presale:${e.presaleNumber}`),
      ...f.filings.map((c) => `filing:${c.contractNumber}`),
    ];
    const named = [
      ...f.permits.map((p) => p.projectCode),
      ...f.projects.map((p) => p.projectCode),
      ...f.presales.map((s) => s.projectCode),
    ];
    const before = await this.previousProjects(m, permits, presales);
    const held = new Set([...named, ...before]);
    await this.repo.lock(m, keys([...held]));
    // a record moved to another project meanwhile: lock that project too (rare)
    const late = (await this.previousProjects(m, permits, presales)).filter((c) => !held.has(c));
    if (late.length > 0)
      await this.repo.lock(
        m,
        late.map((c) => `project:${c}`),
      );
  }

  private async previousProjects(m: EntityManager, permits: string[], presales: string[]): Promise<string[]> {
    return [
      ...(await this.repo.projectCodesOf(m, 'permits', permits)),
      ...(await this.repo.projectCodesOf(m, 'presales', presales)),
    ];
  }

  private async groupsOf(m: EntityManager, f: FactVersions): Promise<string[]> {
    const groups = new Set<string>();
    for (const p of f.permits) groups.add(`permit:${p.permitNumber}`);
    const typed = [...new Set(f.projects.map((p) => p.projectCode))];
    for (const n of await this.repo.recordsOfProjects(m, 'permits', typed)) groups.add(`permit:${n}`);
    const presales = [...new Set(f.presales.map((s) => s.presaleNumber))];
    const presaleProjects = await this.repo.projectCodesOf(m, 'presales', presales);
    for (const c of [...typed, ...presaleProjects]) groups.add(`project:${c}`);
    for (const n of presales) groups.add(`presale:${n}`);
    for (const e of f.escrows) groups.add(`presale:${e.presaleNumber}`);
    for (const c of f.filings) groups.add(`filing:${c.contractNumber}`);
    return [...groups].sort();
  }

  private async recompute(m: EntityManager, groups: string[]): Promise<void> {
    const stored = await this.repo.contributions(m, groups);
    const deltas = noDeltas();
    for (const group of groups) {
      const after = await this.contribution(m, group);
      addContributionChange(deltas, stored.get(group)!, after);
      await this.repo.replaceContribution(m, group, after);
    }
    await this.repo.applyDeltas(m, deltas);
  }

  /** A group's contribution now, from all the versions it reads. */
  async contribution(m: EntityManager, group: string): Promise<Contribution> {
    const [kind, key] = [group.slice(0, group.indexOf(':')), group.slice(group.indexOf(':') + 1)];
    switch (kind) {
      case 'permit': {
        const pv = await this.repo.versions<PermitVersion>(m, 'permits', [key]);
        const projects = await this.repo.versions<ProjectVersion>(
          m,
          'projects',
          pv.map((p) => p.projectCode),
        );
        return permitContribution(
          pv,
          groupBy(projects, (p) => p.projectCode),
        );
      }
      case 'presale':
        return presaleContribution(
          await this.repo.versions<PresaleVersion>(m, 'presales', [key]),
          await this.repo.versions<EscrowVersion>(m, 'escrows', [key]),
        );
      case 'project': {
        const numbers = await this.repo.recordsOfProjects(m, 'presales', [key]);
        const presales = await this.repo.versions<PresaleVersion>(m, 'presales', numbers);
        return projectContribution(
          key,
          await this.repo.versions<ProjectVersion>(m, 'projects', [key]),
          groupBy(presales, (s) => s.presaleNumber),
        );
      }
      case 'filing':
        return filingContribution(await this.repo.versions<FilingVersion>(m, 'filings', [key]));
      default:
        throw new Error(`unknown statistics group ${group}`);
    }
  }
}
