import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { upgradeCase } from '../../src/domain/case.js';
import { openSqliteStore } from '../../src/store/index.js';

// A case as stored before the review clock: the Art. 9 date in `submittedOn`, the Art. 11
// extension in `complex`. Written out by hand in that old shape.
const OLD = {
  id: 'RB-OLD001',
  createdAt: '2026-03-02T02:00:00.000Z',
  updatedAt: '2026-03-05T02:00:00.000Z',
  status: 'submitted',
  requester: 'alice',
  team: 'it',
  teamLead: 'lee',
  analyst: 'ann',
  lang: 'en',
  summary: 'routers',
  triage: { answers: {}, outcome: 'required', reasons: [] },
  intake: { declaration: { applicant_org: 'Example Grid' } },
  submittedOn: '2026-03-04',
  complex: true,
  authorityOutcome: null,
};

describe('stored cases of the old shape are upgraded when read', () => {
  it('submittedOn and complex become clock events; nothing else changes (no acknowledgements yet)', () => {
    const { submittedOn: _s, complex: _c, ...rest } = OLD;
    expect(upgradeCase(OLD)).toEqual({
      ...rest,
      clock: [
        { type: 'submitted', on: '2026-03-04' },
        { type: 'complex', on: '2026-03-04' },
      ],
      announcedDeadlines: null,
      acknowledgements: [],
      intake: { applicant: { legal_name: 'Example Grid' } },
      warnings: [],
      countersign: null,
    });
    expect(upgradeCase({ ...OLD, status: 'open', submittedOn: null, complex: false }).clock).toEqual([]);
  });

  it('the first intake (one declaration form, commitments as references) moves to the sections that ask it now', () => {
    const declaration = {
      applicant_org: 'Example Grid',
      contact: 'Wang Li, 010-12345678',
      product: 'NE40E routers',
      supplier: 'Huawei',
      supplier_country: 'China',
      model_version: null,
      quantity: 20,
      contract_amount: 1200000,
      cii_system: 'dispatch network',
      deployment: 'DC1, on site',
      data_involved: 'grid telemetry',
      planned_purchase_date: '2026-04-01',
      planned_go_live_date: null,
    };
    const commitments = {
      no_illegal_data_access: 'Contract §12.3',
      no_illegal_control: 'Contract §12.3',
      no_supply_cutoff: null,
      cooperate_with_review: 'Letter of 2026-02-01',
    };
    const k = upgradeCase({ ...OLD, intake: { declaration, commitments, risk: { control_damage_rating: 'high' }, materials: { impact_report: 'missing' } } });
    expect(k.intake).toEqual({
      applicant: { legal_name: 'Example Grid', contact: 'Wang Li, 010-12345678' },
      'item-1': { product: 'NE40E routers', model_version: null, quantity: 20, total_amount: 1200000 },
      supplier: { name: 'Huawei', country_region: 'China' },
      cii: { cii_system: 'dispatch network' },
      purchase: { deployment: 'DC1, on site', planned_purchase_date: '2026-04-01', planned_go_live_date: null },
      data: { data_notes: 'grid telemetry' },
      commitments: {
        no_illegal_data_access: 'in_contract',
        no_illegal_control: 'in_contract',
        cooperate_with_review: 'in_contract',
        reference: 'Contract §12.3; Letter of 2026-02-01',
      },
      risk: { control_damage_rating: 'high' },
      materials: { impact_report: 'missing' },
    });
    expect(upgradeCase(structuredClone(k)).intake).toEqual(k.intake);
  });

  it('triage answers of flow version 1 become the version 2 facts; the reasons stay', () => {
    const reasons = [{ id: 'listing_over_1m', citation: { source: 'measures_2022', articles: [7] } }];
    const listing = upgradeCase({ ...OLD, triage: { answers: { listing_abroad: 'yes', personal_info_users_over_1m: 'yes' }, outcome: 'required', reasons } });
    expect(listing.triage).toEqual({
      answers: { matter: 'listing', listing_venue: 'abroad', personal_info_users_over_1m: 'yes' },
      outcome: 'required',
      reasons,
    });
    const purchase = upgradeCase({
      ...OLD,
      triage: { answers: { listing_abroad: 'no', category: 'hpc_servers', ciio: 'no' }, outcome: 'not_required', reasons: [] },
    });
    expect(purchase.triage.answers).toEqual({ matter: 'purchase', category: 'hpc_servers', ciio: 'no' });
  });

  it('a record already in the current shape is left as it is', () => {
    const current = upgradeCase(OLD);
    expect(upgradeCase(structuredClone(current))).toEqual(current);
  });

  it('old JSON in a SQLite database loads through getCase and listCases', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rb-upgrade-')), 'db.sqlite');
    await (await openSqliteStore(path)).close(); // create the schema
    const raw = new sqlite3.Database(path);
    await new Promise<void>((resolve, reject) =>
      raw.run(
        'INSERT INTO cases (id, status, requester, team, analyst, created_at, updated_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [OLD.id, OLD.status, OLD.requester, OLD.team, OLD.analyst, OLD.createdAt, OLD.updatedAt, JSON.stringify(OLD)],
        (err) => (err ? reject(err) : resolve()),
      ),
    );
    await new Promise<void>((resolve) => raw.close(() => resolve()));
    const store = await openSqliteStore(path);
    try {
      const k = await store.getCase(OLD.id);
      expect(k?.clock).toEqual([
        { type: 'submitted', on: '2026-03-04' },
        { type: 'complex', on: '2026-03-04' },
      ]);
      expect(k && 'submittedOn' in k).toBe(false);
      expect((await store.listCases({ requester: 'alice' }))[0]?.clock).toHaveLength(2);
      // Saved again, it is stored in the new shape.
      expect(await store.saveCases({ updates: [{ case: { ...k!, summary: 'routers (edited)' }, expectedUpdatedAt: k!.updatedAt }] })).toBe('ok');
      expect((await store.getCase(OLD.id))?.summary).toBe('routers (edited)');
    } finally {
      await store.close();
    }
  });
});
