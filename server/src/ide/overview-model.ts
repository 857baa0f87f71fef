/**
 * The picture of a plan (issue "See the plan"): one model, computed from an Analysis by
 * `planOverview` (plan-overview.ts), drawn by the webview, `crmsync explain` (text, Mermaid, SVG,
 * HTML) and summarised by code lenses. Plain data, JSON-serialisable, never a password or a
 * secret reference's value; spans are UTF-16 offsets of the analysed text (the LSP layer turns
 * them into ranges).
 *
 * Nodes: one organisation, one per mail system, one per server profile, and one per group of
 * mailboxes with the same (effective profile, kind, incoming, outgoing, ACT) — groups, not one
 * node per mailbox, so a 10,000-mailbox plan has a picture of tens of nodes.
 * Edges: organisation → profile, profile → mail system, profile → mailbox group (a group whose
 * profile is unknown hangs off the organisation).
 */
import type { Baseline, Severity, Span } from '../analysis';
import type { Auth, Deployment, Engine, MailboxKind, MailSystemKind, Method, ServerType } from '../analysis/model';

/** Bumped when the shape changes incompatibly (clients check it). */
export const PLAN_OVERVIEW_VERSION = 1;

/** The findings of a node (or of the plan), by severity and by rule. */
export interface FindingTally {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  /** The worst severity present; undefined when there is no finding. */
  readonly worst?: Severity;
  /** One entry per rule id: errors first, then warnings, then info; by rule id within each. */
  readonly rules: readonly { readonly ruleId: string; readonly severity: Severity; readonly count: number }[];
}

export type OverviewNodeKind = 'organization' | 'mailSystem' | 'profile' | 'mailboxGroup';

interface NodeBase {
  /**
   * Stable while the records keep their ids: `organization`, `mailSystem:<id>`, `profile:<id>`,
   * `group:<profileId or "?">:<kind or "?">:<incoming>:<outgoing>:<act>` (methods or "?").
   */
  readonly id: string;
  readonly kind: OverviewNodeKind;
  /** The title: the record id (the organisation's name, else "Organization"). */
  readonly label: string;
  /** Lines under the title, in plain words, e.g. "Exchange Online", "in: S2S · out: S2S", "SSL · Autodiscover". */
  readonly details: readonly string[];
  /** Where "reveal" goes: the record's key (a group: its first mailbox's key; the organisation: `organization:` or offset 0). */
  readonly span: Span;
  /** Findings placed inside the record(s) of this node. */
  readonly findings: FindingTally;
}

export interface OrganizationNode extends NodeBase {
  readonly kind: 'organization';
  readonly deployment?: Deployment;
  readonly crmVersion: string;
  readonly baseline: Baseline;
  readonly engine?: Engine;
}

export interface MailSystemNode extends NodeBase {
  readonly kind: 'mailSystem';
  readonly mailSystemId: string;
  readonly systemKind?: MailSystemKind;
  readonly version?: string;
  readonly provider?: string;
  /** Profiles whose `mailSystem` names it. */
  readonly profileCount: number;
  /** Mailboxes served through those profiles. */
  readonly mailboxCount: number;
}

export interface ProfileNode extends NodeBase {
  readonly kind: 'profile';
  readonly profileId: string;
  readonly serverType?: ServerType;
  readonly mailSystemId?: string;
  readonly incomingAuth?: Auth;
  readonly outgoingAuth?: Auth;
  readonly incomingSsl?: boolean;
  readonly outgoingSsl?: boolean;
  readonly autodiscover?: boolean;
  /** Effective `active`. */
  readonly active?: boolean;
  /** It is `systemSettings.defaults.serverProfile`. */
  readonly isDefault: boolean;
  /** Mailboxes whose effective profile it is … */
  readonly mailboxCount: number;
  /** … of which this many through the default (no `serverProfile` written). */
  readonly mailboxCountViaDefault: number;
}

export interface MailboxGroupNode extends NodeBase {
  readonly kind: 'mailboxGroup';
  /** The effective profile; undefined when unknown (typo, unresolved reference, none). */
  readonly profileId?: string;
  readonly mailboxKind?: MailboxKind;
  readonly incomingEmail?: Method;
  readonly outgoingEmail?: Method;
  readonly appointmentsContactsTasks?: Method;
  readonly count: number;
  /** The first mailbox ids of the group in document order (at most 10). */
  readonly sample: readonly string[];
}

export type OverviewNode = OrganizationNode | MailSystemNode | ProfileNode | MailboxGroupNode;

export interface OverviewEdge {
  readonly from: string;
  readonly to: string;
  /** organisation → profile `profile`; profile → mail system `mailSystem`; profile (or organisation) → group `mailboxes`. */
  readonly kind: 'profile' | 'mailSystem' | 'mailboxes';
}

/** One finding for the side list, with the node it belongs to. */
export interface OverviewFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly nodeId: string;
}

export interface PlanOverview {
  readonly formatVersion: typeof PLAN_OVERVIEW_VERSION;
  /** Nodes in a stable order: organisation, mail systems, profiles, groups (each in document order). */
  readonly nodes: readonly OverviewNode[];
  readonly edges: readonly OverviewEdge[];
  /** The whole plan's findings. */
  readonly totals: FindingTally;
  /** The findings in document order, at most FINDINGS_LIMIT of them. */
  readonly findings: readonly OverviewFinding[];
  /** How many findings are not in `findings` (over the limit). */
  readonly findingsOmitted: number;
}

/** At most this many findings are listed one by one (the tallies count all). */
export const FINDINGS_LIMIT = 1000;
