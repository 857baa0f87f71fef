/**
 * Shared predicates of the "Topology and versions" rules (rules.md §5). The yields of §1.3 are
 * implemented by evaluating the other rule's condition here, so that both rules read the same
 * definition.
 */
import type { RuleContext } from '../define';
import type { Deployment, MailSystemKind, MailSystemModel, PlanModel, ProfileModel, ServerType } from '../../model';
import type { Baseline, Path, Severity, TextEdit } from '../../types';

/** First `ver` at which on-premises CRM supports Exchange Online (rules.md U1). */
export const ONPREM_EXO_MIN_VER = 8.2;
/** `crm-onprem-exchange-online`: below this `ver` it is an error, from it a warning [U1]. */
export const ONPREM_EXO_WARNING_VER = 8.1;

/**
 * `crm-onprem-exchange-online` for profile `P`:
 * * `'error'` / `'warning'`: the rule flags `P` with that severity;
 * * `'none'`: it does not;
 * * `'unknown'`: it might, but `kind(P)` is unknown (unresolved or broken mail system).
 *
 * Rules that yield to it skip `P` unless the answer is `'none'`.
 */
export function onpremExchangeOnline(plan: PlanModel, p: ProfileModel): Severity | 'none' | 'unknown' {
  if (plan.deployment === undefined) return 'unknown';
  if (plan.deployment !== 'onPremises' || plan.ver >= ONPREM_EXO_MIN_VER) return 'none';
  const kind = p.mailSystem?.kind;
  if (kind === undefined) return 'unknown';
  if (kind !== 'exchangeOnline') return 'none';
  return plan.ver < ONPREM_EXO_WARNING_VER ? 'error' : 'warning';
}

/** True when `crm-onprem-exchange-online` does not (and cannot) flag `P`. */
export function notFlaggedOnpremExchangeOnline(plan: PlanModel, p: ProfileModel): boolean {
  return onpremExchangeOnline(plan, p) === 'none';
}

/** The server type `dep` and `kind(P)` require (rules.md `profile-server-type-mismatch`). */
export const EXPECTED_SERVER_TYPE: Record<Deployment, Record<MailSystemKind, ServerType>> = {
  online: { exchangeOnline: 'exchangeOnline', exchangeServer: 'exchangeServerHybrid', pop3Smtp: 'pop3Smtp', imapSmtp: 'imapSmtp' },
  onPremises: { exchangeOnline: 'exchangeOnlineHybrid', exchangeServer: 'exchangeServer', pop3Smtp: 'pop3Smtp', imapSmtp: 'imapSmtp' },
};

/** Service-pack order RTM < SP1 < SP2 < SP3. */
export const SERVICE_PACKS = ['RTM', 'SP1', 'SP2', 'SP3'] as const;

export function servicePackRank(sp: string): number {
  return (SERVICE_PACKS as readonly string[]).indexOf(sp);
}

/** The Exchange Server version/service-pack pairs that exist (S33). */
export const EXISTING_SERVICE_PACKS: Readonly<Record<string, readonly string[]>> = {
  '2003': ['RTM', 'SP1', 'SP2'],
  '2007': ['RTM', 'SP1', 'SP2', 'SP3'],
  '2010': ['RTM', 'SP1', 'SP2', 'SP3'],
  '2013': ['RTM', 'SP1'],
  '2016': ['RTM'],
  '2019': ['RTM'],
};

/**
 * `exchange-service-pack-unknown`'s condition without "referenced": an Exchange Server mail
 * system with a written, known service pack that never existed for its known version.
 */
export function servicePackUnknown(s: MailSystemModel): boolean {
  if (s.kind !== 'exchangeServer' || s.version === undefined || s.servicePack === undefined || !s.servicePackWritten) return false;
  const existing = EXISTING_SERVICE_PACKS[s.version];
  return existing !== undefined && !existing.includes(s.servicePack);
}

/**
 * A referenced Exchange Server mail system whose version rules may run: kind `exchangeServer`,
 * version known and the version/service-pack pair not flagged by `exchange-service-pack-unknown`
 * (rules.md §1.3).
 */
export function versionRulesApply(s: MailSystemModel): s is MailSystemModel & { version: string } {
  return s.referenced && s.kind === 'exchangeServer' && s.version !== undefined && !servicePackUnknown(s);
}

export const LEGACY_EXCHANGE_VERSIONS: readonly string[] = ['2003', '2007'];

/** Profiles whose (resolved) `mailSystem` names `s`, in document order. */
export function profilesNaming(plan: PlanModel, s: MailSystemModel): ProfileModel[] {
  return plan.profiles.filter((p) => p.mailSystemId === s.id);
}

/** Related locations on `serverProfiles.P.mailSystem` of each profile naming `s`. */
export function namingProfilesRelated(plan: PlanModel, s: MailSystemModel): { at: Path; message: string }[] {
  return profilesNaming(plan, s).map((p) => ({ at: [...p.path, 'mailSystem'], message: `Profile '${p.id}' uses this mail system` }));
}

/** Where the effective CRM version comes from: `crmVersion` if written, else `baseline` if written. */
export function versionRelated(plan: PlanModel): { at: Path; message: string }[] {
  if (plan.crmVersionWritten) return [{ at: ['organization', 'crmVersion'], message: `CRM version ${plan.crmVersion} set here` }];
  if (plan.baselineWritten) return [{ at: ['baseline'], message: `Baseline ${plan.baseline} implies CRM ${plan.crmVersion}` }];
  return [];
}

/** The CRM versions each baseline covers (domain.md §1). */
export const BASELINE_VERSIONS: Readonly<Record<Baseline, readonly string[]>> = {
  crm2016: ['8.0', '8.1'],
  'd365-8.2': ['8.2'],
  'd365-9': ['9.0', '9.1'],
};

/** "a" or "an" before a camelCase token or word. */
export function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

// ---------------------------------------------------------------------------------------------
// Quick-fix helpers (rules.md §1.5)

/**
 * Merges inserts at the same offset into one edit, in the order given. Several keys added to
 * one mapping all insert at its end; as one edit their order cannot depend on how a client
 * orders equal-offset inserts. Undefined edits stay (so that `ctx.fix` drops the fix).
 */
export function mergeInserts(edits: readonly (TextEdit | undefined)[]): (TextEdit | undefined)[] {
  const out: (TextEdit | undefined)[] = [];
  const insertAt = new Map<number, number>();
  for (const e of edits) {
    if (e && e.span.start === e.span.end) {
      const i = insertAt.get(e.span.start);
      if (i !== undefined) {
        const prev = out[i]!;
        out[i] = { span: prev.span, newText: prev.newText + e.newText };
        continue;
      }
      insertAt.set(e.span.start, out.length);
    }
    out.push(e);
  }
  return out;
}

/**
 * Moves the plan to baseline `bl`: sets `baseline` unless it is already written as `bl`, and
 * `organization.crmVersion` to `version` when that key is written with another value. The title
 * names what changes ("Set baseline to d365-9 and crmVersion to 9.0"); undefined when nothing would.
 */
export function baselineChange(ctx: RuleContext, bl: Baseline, version: string): { title: string; edits: (TextEdit | undefined)[] } | undefined {
  const parts: string[] = [];
  const edits: (TextEdit | undefined)[] = [];
  if (!(ctx.has(['baseline']) && ctx.value(['baseline']) === bl)) {
    parts.push(`baseline to ${bl}`);
    edits.push(ctx.edit.set(['baseline'], bl));
  }
  const crmVersionPath: Path = ['organization', 'crmVersion'];
  if (ctx.has(crmVersionPath) && ctx.value(crmVersionPath) !== version) {
    parts.push(`crmVersion to ${version}`);
    edits.push(ctx.edit.set(crmVersionPath, version));
  }
  if (!edits.length) return undefined;
  return { title: `Set ${parts.join(' and ')}`, edits };
}

/** "Set version to 2013 and servicePack to SP1" on mail system `s` (describes an Exchange upgrade: unsafe). */
export function upgradeTo2013Sp1(ctx: RuleContext, s: MailSystemModel) {
  return ctx.fix(
    'Set version to 2013 and servicePack to SP1',
    mergeInserts([ctx.edit.set([...s.path, 'version'], '2013'), ctx.edit.set([...s.path, 'servicePack'], 'SP1')]),
    { unsafe: true },
  );
}
