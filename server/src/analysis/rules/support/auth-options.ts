/**
 * Which rule rejects which `authenticateUsing` value: the one truth table of the
 * authentication-option rules. The rules evaluate it on the written values of a plan
 * (`rejectsAuth` in auth.ts); hovers, completion and the ranking of schema fixes read it through
 * `authVerdict` (analysis/support.ts). test/analysis/verdict-agreement.test.ts checks both
 * against each other on every server type, deployment, baseline, version, provider, tenant,
 * option and direction.
 *
 * Sources: Microsoft's email server profile pages. POP3/SMTP: Windows Integrated Authentication
 * "applies only to Exchange and SMTP email server types", Anonymous is "not a valid setting";
 * Exchange Server (Hybrid) from CRM Online: a service account with ApplicationImpersonation, or
 * Exchange Hybrid Modern Auth on Dynamics 365 online; Exchange Online: server-to-server
 * authentication, or Azure AD OAuth for a mailbox in another tenant; Gmail: OAuth 2.0 from 9.1
 * (Gmail ended password sign-in on 30 May 2022). The modern sign-in values exist only in the
 * Dataverse reference.
 */
import type { Auth, Deployment, MailSystemModel, PlanModel, ServerType } from '../../model';
import { EXCHANGE_TYPES, INTERNET_MAIL_TYPES, MODERN_AUTH, PASSWORD_AUTH } from '../../model';
import type { Baseline } from '../../types';

/** `exchangeOnline`, `exchangeOnlineHybrid`: the server types reached with S2S. */
const EXCHANGE_ONLINE_TYPES: readonly ServerType[] = ['exchangeOnline', 'exchangeOnlineHybrid'];

const SERVER_TYPES: readonly ServerType[] = [...EXCHANGE_TYPES, ...INTERNET_MAIL_TYPES];
const DEPLOYMENTS: readonly Deployment[] = ['onPremises', 'online'];

export type AuthOptionRule =
  | 'anonymous-auth-exchange'
  | 'anonymous-auth-pop3-smtp'
  | 'windows-auth-pop3'
  | 'windows-auth-online'
  | 'exchange-online-requires-s2s'
  | 'hybrid-exchange-impersonation'
  | 's2s-non-exchange-online'
  | 'gmail-password-auth'
  | 'modern-auth-unavailable';

/**
 * Where a value is written: the profile's server type and the connection's direction, the
 * product (deployment, baseline, version), the mail system's provider (`gmail` or another), and
 * whether the mail system is Exchange Online of another tenant. In `rejects`, an undefined
 * server type, deployment, Gmail flag or tenant flag stands for "unknown".
 */
export interface AuthSetting {
  readonly type: ServerType;
  readonly dep: Deployment;
  readonly dir: 'in' | 'out';
  readonly baseline: Baseline;
  /** Effective crmVersion as a number (8.0 … 9.2). */
  readonly version: number;
  /** The mail system's provider is `gmail`. */
  readonly gmail: boolean;
  /** `crossTenant(ms(P))`: online, an Exchange Online mail system of another tenant. */
  readonly crossTenant: boolean;
}

/** The same, with the values a plan may leave unknown. */
export type PartialAuthSetting = Omit<AuthSetting, 'type' | 'dep' | 'gmail' | 'crossTenant'> & {
  readonly type: ServerType | undefined;
  readonly dep: Deployment | undefined;
  readonly gmail: boolean | undefined;
  readonly crossTenant: boolean | undefined;
};

/** One rule: the values it rejects, and where. An absent condition holds everywhere. */
interface Row {
  readonly rule: AuthOptionRule;
  readonly auth: readonly Auth[];
  readonly types?: readonly ServerType[];
  readonly deployment?: Deployment;
  /** The direction of the connection whose `authenticateUsing` it is. */
  readonly dir?: 'in' | 'out';
  /** A further condition on the setting. */
  readonly when?: (s: AuthSetting, auth: Auth) => boolean;
  /** Rules that report the same value instead: this rule yields to them. */
  readonly yieldsTo?: readonly AuthOptionRule[];
}

/** Where a modern sign-in value is offered (docs/rules.md, `modern-auth-unavailable` (a)). */
export function modernAuthValid(s: AuthSetting, auth: Auth): boolean {
  switch (auth) {
    case 'gmailOAuth':
      // "requires version 9.1 or later": online 9.1/9.2, or on-premises 9.1 (the on-premises guide).
      return INTERNET_MAIL_TYPES.includes(s.type) && s.gmail && s.baseline === 'd365-9' && s.version >= 9.1;
    case 'exchangeHybridModernAuth':
      return s.type === 'exchangeServerHybrid' && s.dep === 'online' && s.baseline === 'd365-9';
    case 'azureAdOAuth':
      return s.type === 'exchangeOnline' && s.dep === 'online' && s.baseline === 'd365-9';
    default:
      return true;
  }
}

/** In the order hovers and completion name them when two report the same value. */
const TABLE: readonly Row[] = [
  { rule: 'anonymous-auth-exchange', auth: ['anonymous'], types: EXCHANGE_TYPES },
  { rule: 'anonymous-auth-pop3-smtp', auth: ['anonymous'], types: INTERNET_MAIL_TYPES },
  // POP3 and IMAP read mail without Windows authentication; SMTP (outgoing) may use it on-premises.
  { rule: 'windows-auth-pop3', auth: ['windowsIntegrated'], types: INTERNET_MAIL_TYPES, dir: 'in' },
  // The Asynchronous Service account exists only on-premises.
  { rule: 'windows-auth-online', auth: ['windowsIntegrated'], deployment: 'online' },
  {
    rule: 'exchange-online-requires-s2s',
    auth: ['userOrQueue', 'serverProfile', 'windowsIntegrated', 'anonymous', ...MODERN_AUTH],
    types: EXCHANGE_ONLINE_TYPES,
    // Azure AD OAuth to Exchange Online of another tenant is the one way there besides S2S.
    when: (s, auth) => !(auth === 'azureAdOAuth' && s.type === 'exchangeOnline' && s.dep === 'online' && s.crossTenant),
    yieldsTo: ['anonymous-auth-exchange', 'windows-auth-online'],
  },
  // Anonymous access goes to anonymous-auth-exchange; serverProfile without impersonation is the
  // rule's other branch (auth.ts), not a rejection of the option; HMA is modern-auth-unavailable's.
  {
    rule: 'hybrid-exchange-impersonation',
    auth: ['userOrQueue', 'serverToServer', 'windowsIntegrated', 'gmailOAuth', 'azureAdOAuth'],
    types: ['exchangeServerHybrid'],
    yieldsTo: ['windows-auth-online'],
  },
  {
    rule: 's2s-non-exchange-online',
    auth: ['serverToServer'],
    types: SERVER_TYPES.filter((t) => !EXCHANGE_ONLINE_TYPES.includes(t)),
    yieldsTo: ['hybrid-exchange-impersonation'],
  },
  // Gmail ended sign-in with a user name and password alone on 30 May 2022.
  { rule: 'gmail-password-auth', auth: PASSWORD_AUTH, types: INTERNET_MAIL_TYPES, when: (s) => s.gmail },
  {
    rule: 'modern-auth-unavailable',
    auth: MODERN_AUTH,
    when: (s, auth) => !modernAuthValid(s, auth),
    yieldsTo: ['exchange-online-requires-s2s', 'hybrid-exchange-impersonation'],
  },
];

const ROW = new Map(TABLE.map((r) => [r.rule, r]));

function reports(row: Row, s: AuthSetting, auth: Auth): boolean {
  if (!row.auth.includes(auth)) return false;
  if (row.types && !row.types.includes(s.type)) return false;
  if (row.deployment && row.deployment !== s.dep) return false;
  if (row.dir && row.dir !== s.dir) return false;
  if (row.when && !row.when(s, auth)) return false;
  return !(row.yieldsTo ?? []).some((other) => reports(ROW.get(other)!, s, auth));
}

/** The rules that report `auth` in a fully known setting, in table order. */
export function rejectedBy(s: AuthSetting, auth: Auth): AuthOptionRule[] {
  return TABLE.filter((row) => reports(row, s, auth)).map((row) => row.rule);
}

/** Every fully known setting `s` stands for (its unknown values taken each way). */
export function completions(s: PartialAuthSetting): AuthSetting[] {
  const out: AuthSetting[] = [];
  for (const type of s.type === undefined ? SERVER_TYPES : [s.type]) {
    for (const dep of s.dep === undefined ? DEPLOYMENTS : [s.dep]) {
      for (const gmail of s.gmail === undefined ? [false, true] : [s.gmail]) {
        for (const crossTenant of s.crossTenant === undefined ? [false, true] : [s.crossTenant]) {
          out.push({ ...s, type, dep, gmail, crossTenant });
        }
      }
    }
  }
  return out;
}

/**
 * Whether `rule` reports `auth` when some of the setting is unknown: the answer when it is the
 * same for every value the unknown ones could take, else `undefined` (rules report only on a
 * definite `true`).
 */
export function rejects(rule: AuthOptionRule, s: PartialAuthSetting, auth: Auth): boolean | undefined {
  const row = ROW.get(rule)!;
  let answer: boolean | undefined;
  for (const full of completions(s)) {
    const r = reports(row, full, auth);
    if (answer === undefined) answer = r;
    else if (answer !== r) return undefined;
  }
  return answer;
}

/**
 * `crossTenant(S)`: the organization is online and `S` is an Exchange Online mail system whose
 * tenant differs from the organization's (GUIDs compared case-insensitively); undefined when
 * that depends on an unknown value (no mail system, or a tenant id with a finding).
 */
export function crossTenant(plan: PlanModel, ms: MailSystemModel | undefined): boolean | undefined {
  if (plan.deployment === undefined) return undefined;
  if (plan.deployment !== 'online') return false;
  if (ms === undefined || ms.kind === undefined) return undefined;
  if (ms.kind !== 'exchangeOnline') return false;
  if (ms.tenantId === undefined || plan.tenantId === undefined) return undefined;
  return ms.tenantId.toLowerCase() !== plan.tenantId.toLowerCase();
}

/** Whether the provider of `ms` is Gmail; undefined while the mail system or its provider is unknown. */
export function isGmail(ms: MailSystemModel | undefined): boolean | undefined {
  if (ms === undefined || ms.provider === undefined) return undefined;
  return ms.provider === 'gmail';
}
