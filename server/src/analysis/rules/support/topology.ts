/**
 * Shared predicates of the "Topology and versions" rules (`crm-onprem-exchange-online` to
 * `baseline-version-mismatch` in catalogue order). Where one rule yields to another (one finding
 * per problem), the other rule's condition is evaluated here, so that both rules read the same
 * definition.
 */
import type { Deployment, MailSystemKind, MailSystemModel, PlanModel, ProfileModel, ServerType } from '../../model';
import type { Baseline, Path, Severity } from '../../types';

/**
 * First `crmVersionNumber` at which on-premises CRM can create the Exchange Online (Hybrid)
 * profile: 8.1, CRM 2016 SP1 (S34). Below it (8.0) `crm-onprem-exchange-online` reports the profile.
 */
const ONPREM_EXO_MIN_VER = 8.1;

/**
 * `crm-onprem-exchange-online` for profile `P`:
 * * `'error'`: the rule flags `P` (on-premises 8.0, a mail system of kind `exchangeOnline`);
 * * `'none'`: it does not;
 * * `'unknown'`: it might, but `kind(P)` is unknown (unresolved or broken mail system).
 *
 * Rules that yield to it skip `P` unless the answer is `'none'`.
 */
export function onpremExchangeOnline(plan: PlanModel, p: ProfileModel): Severity | 'none' | 'unknown' {
  if (plan.deployment === undefined) return 'unknown';
  if (plan.deployment !== 'onPremises' || plan.crmVersionNumber >= ONPREM_EXO_MIN_VER) return 'none';
  const kind = p.mailSystem?.kind;
  if (kind === undefined) return 'unknown';
  return kind === 'exchangeOnline' ? 'error' : 'none';
}

/** True when `crm-onprem-exchange-online` does not (and cannot) flag `P`. */
export function notFlaggedOnpremExchangeOnline(plan: PlanModel, p: ProfileModel): boolean {
  return onpremExchangeOnline(plan, p) === 'none';
}

/** The server type `dep` and `kind(P)` require (rule `profile-server-type-mismatch`). */
export const EXPECTED_SERVER_TYPE: Record<Deployment, Record<MailSystemKind, ServerType>> = {
  online: { exchangeOnline: 'exchangeOnline', exchangeServer: 'exchangeServerHybrid', pop3Smtp: 'pop3Smtp', imapSmtp: 'imapSmtp' },
  onPremises: { exchangeOnline: 'exchangeOnlineHybrid', exchangeServer: 'exchangeServer', pop3Smtp: 'pop3Smtp', imapSmtp: 'imapSmtp' },
};

/** Service-pack order RTM < SP1 < SP2 < SP3. */
const SERVICE_PACKS = ['RTM', 'SP1', 'SP2', 'SP3'] as const;

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
 * (docs/plan-format.md#unknown-values).
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

/** The CRM versions each baseline covers (docs/plan-format.md#baseline-and-crm-version). */
export const BASELINE_VERSIONS: Readonly<Record<Baseline, readonly string[]>> = {
  crm2016: ['8.0', '8.1'],
  'd365-8.2': ['8.2'],
  'd365-9': ['9.0', '9.1', '9.2'],
};
