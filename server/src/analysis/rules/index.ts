/**
 * The explicit list of domain rules, in catalogue order (rules.md §2). A rule's file name is its
 * id; adding a rule means adding its file and one line here (README: "How to add a rule").
 */
import type { Rule } from './define';
import plaintextSecret from './plaintext-secret';

export const RULES: readonly Rule[] = [plaintextSecret];
