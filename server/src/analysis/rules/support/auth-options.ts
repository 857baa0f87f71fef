/**
 * Which rule rejects which `authenticateUsing` value: the one truth table of the
 * authentication-option rules. The rules evaluate it on the written values of a plan
 * (`rejectsAuth` in auth.ts); hovers, completion and the ranking of schema fixes read it through
 * `authVerdict` (analysis/support.ts). test/analysis/verdict-agreement.test.ts checks both
 * against each other on every server type, deployment, baseline, option and direction.
 *
 * Sources: Microsoft's email server profile pages. POP3/SMTP: Windows Integrated Authentication
 * "applies only to Exchange and SMTP email server types", Anonymous is "not a valid setting";
 * Exchange Server (Hybrid) from CRM Online: a service account with ApplicationImpersonation;
 * Exchange Online: server-to-server authentication.
 */
import type { Auth, Deployment, ServerType } from '../../model';
import { EXCHANGE_TYPES, INTERNET_MAIL_TYPES } from '../../model';

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
  | 's2s-non-exchange-online';

/** One rule: the values it rejects, and where. An absent condition holds everywhere. */
interface Row {
  readonly rule: AuthOptionRule;
  readonly auth: readonly Auth[];
  readonly types?: readonly ServerType[];
  readonly deployment?: Deployment;
  /** The direction of the connection whose `authenticateUsing` it is. */
  readonly dir?: 'in' | 'out';
  /** Rules that report the same value instead: this rule yields to them. */
  readonly yieldsTo?: readonly AuthOptionRule[];
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
    auth: ['userOrQueue', 'serverProfile', 'windowsIntegrated', 'anonymous'],
    types: EXCHANGE_ONLINE_TYPES,
    yieldsTo: ['anonymous-auth-exchange', 'windows-auth-online'],
  },
  // Anonymous access goes to anonymous-auth-exchange; serverProfile without impersonation is the
  // rule's other branch (auth.ts), not a rejection of the option.
  {
    rule: 'hybrid-exchange-impersonation',
    auth: ['userOrQueue', 'serverToServer', 'windowsIntegrated'],
    types: ['exchangeServerHybrid'],
    yieldsTo: ['windows-auth-online'],
  },
  {
    rule: 's2s-non-exchange-online',
    auth: ['serverToServer'],
    types: SERVER_TYPES.filter((t) => !EXCHANGE_ONLINE_TYPES.includes(t)),
    yieldsTo: ['hybrid-exchange-impersonation'],
  },
];

const ROW = new Map(TABLE.map((r) => [r.rule, r]));

function reports(row: Row, type: ServerType, auth: Auth, dep: Deployment, dir: 'in' | 'out'): boolean {
  if (!row.auth.includes(auth)) return false;
  if (row.types && !row.types.includes(type)) return false;
  if (row.deployment && row.deployment !== dep) return false;
  if (row.dir && row.dir !== dir) return false;
  return !(row.yieldsTo ?? []).some((other) => reports(ROW.get(other)!, type, auth, dep, dir));
}

/** The rules that report `auth` on a connection in direction `dir` of a profile of `type`, in table order. */
export function rejectedBy(type: ServerType, auth: Auth, dep: Deployment, dir: 'in' | 'out'): AuthOptionRule[] {
  return TABLE.filter((row) => reports(row, type, auth, dep, dir)).map((row) => row.rule);
}

/**
 * Whether `rule` reports `auth` when the server type or the deployment may be unknown: the
 * answer when it is the same for every value the unknown one could take, else `undefined`
 * (rules report only on a definite `true`).
 */
export function rejects(rule: AuthOptionRule, type: ServerType | undefined, auth: Auth, dep: Deployment | undefined, dir: 'in' | 'out'): boolean | undefined {
  const row = ROW.get(rule)!;
  let answer: boolean | undefined;
  for (const t of type === undefined ? SERVER_TYPES : [type]) {
    for (const d of dep === undefined ? DEPLOYMENTS : [dep]) {
      const r = reports(row, t, auth, d, dir);
      if (answer === undefined) answer = r;
      else if (answer !== r) return undefined;
    }
  }
  return answer;
}
