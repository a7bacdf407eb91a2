// Activation of risk directions: which factors of its profile a school (with its curator) takes to work on this cycle.
import { FACTOR_NAMES, isFactorCode, LEVEL_LABELS, type FactorCode, type FactorLevel } from './factors.js';
import { factorsByRisk, type RiskProfile } from './risk-profile.js';
import { plural } from './format.js';

/** Per-cycle rules of choosing risk directions. */
export interface ActivationRules {
  /** At most this many directions (default 3). */
  maxDirections: number;
  /** At least this many (default 1). */
  minDirections: number;
  /** Factors at these levels must be chosen while the limit allows (default ['high']). */
  mandatoryLevels: FactorLevel[];
  /** Factors that must be chosen whatever their level (default none). */
  mandatoryCodes: FactorCode[];
  /** Only factors at these levels may be chosen (default high, medium, low). */
  selectableLevels: FactorLevel[];
  /** Factors not offered in this cycle (default none). */
  excludedCodes: FactorCode[];
}

/**
 * Defaults (an assumption to confirm per cycle): up to three directions, at least one; every high-risk factor is
 * mandatory while the limit allows; a factor whose risk was not found ('none') or not measured ('unknown') is not chosen.
 */
export const DEFAULT_ACTIVATION_RULES: Readonly<ActivationRules> = {
  maxDirections: 3,
  minDirections: 1,
  mandatoryLevels: ['high'],
  mandatoryCodes: [],
  selectableLevels: ['high', 'medium', 'low'],
  excludedCodes: [],
};

export type ActivationProblemKind =
  | 'unknown_factor'
  | 'duplicate'
  | 'excluded'
  | 'level_not_selectable'
  | 'too_many'
  | 'too_few'
  | 'mandatory_missing';

export interface ActivationProblem {
  kind: ActivationProblemKind;
  /** The offending factor code; null for count problems. */
  code: string | null;
  /** Russian, for people. */
  message: string;
}

/** Genitive after «не более / не менее N». */
const DIRECTIONS = ['направления', 'направлений', 'направлений'] as const;

function withDefaults(rules: Partial<ActivationRules>): ActivationRules {
  return { ...DEFAULT_ACTIVATION_RULES, ...rules };
}

/** Factors that may be chosen: not excluded, and at a selectable level or mandatory by code. */
function selectable(rules: ActivationRules, code: FactorCode, level: FactorLevel): boolean {
  return !rules.excludedCodes.includes(code) && (rules.selectableLevels.includes(level) || rules.mandatoryCodes.includes(code));
}

/** Factors that must be chosen: the mandatory codes and selectable factors at mandatory levels, minus excluded ones. */
function mandatorySet(profile: RiskProfile, rules: ActivationRules): Set<FactorCode> {
  const out = new Set<FactorCode>();
  for (const f of profile.factors) {
    if (!selectable(rules, f.code, f.level)) continue;
    if (rules.mandatoryCodes.includes(f.code) || rules.mandatoryLevels.includes(f.level)) out.add(f.code);
  }
  return out;
}

/** Problems of a selection under the rules (empty when it may be saved). */
export function validateActivation(profile: RiskProfile, selectedCodes: readonly string[], rules: Partial<ActivationRules> = {}): ActivationProblem[] {
  const r = withDefaults(rules);
  const problems: ActivationProblem[] = [];
  const levels = new Map(profile.factors.map((f) => [f.code, f.level]));
  const seen = new Set<string>();
  const chosen: FactorCode[] = [];
  for (const code of selectedCodes) {
    if (!isFactorCode(code)) {
      problems.push({ kind: 'unknown_factor', code, message: `Неизвестное направление риска: «${code}»` });
      continue;
    }
    const name = FACTOR_NAMES[code];
    if (seen.has(code)) {
      problems.push({ kind: 'duplicate', code, message: `Направление «${name}» выбрано дважды` });
      continue;
    }
    seen.add(code);
    chosen.push(code);
    if (r.excludedCodes.includes(code)) {
      problems.push({ kind: 'excluded', code, message: `Направление «${name}» не выбирается в этом цикле` });
      continue;
    }
    const level = levels.get(code) ?? 'unknown';
    if (!r.selectableLevels.includes(level) && !r.mandatoryCodes.includes(code)) {
      problems.push({ kind: 'level_not_selectable', code, message: `Направление «${name}» нельзя выбрать: в профиле — ${LEVEL_LABELS[level]}` });
    }
  }
  if (chosen.length > r.maxDirections) {
    problems.push({
      kind: 'too_many',
      code: null,
      message: `Можно выбрать не более ${r.maxDirections} ${plural(r.maxDirections, DIRECTIONS)}, выбрано ${chosen.length}`,
    });
  }
  // The minimum cannot exceed what the profile offers (a school with no risk found chooses nothing).
  const minimum = Math.min(r.minDirections, profile.factors.filter((f) => selectable(r, f.code, f.level)).length);
  if (chosen.length < minimum) {
    problems.push({ kind: 'too_few', code: null, message: `Нужно выбрать не менее ${minimum} ${plural(minimum, DIRECTIONS)}` });
  }
  // A mandatory factor may be left out only when the limit is already filled with mandatory factors.
  const mandatory = mandatorySet(profile, r);
  const chosenMandatory = chosen.filter((c) => mandatory.has(c)).length;
  if (chosenMandatory < r.maxDirections) {
    for (const f of profile.factors) {
      if (!mandatory.has(f.code) || seen.has(f.code)) continue;
      const why = r.mandatoryCodes.includes(f.code) ? 'обязательно в этом цикле' : `обязательно: ${LEVEL_LABELS[f.level]}`;
      problems.push({ kind: 'mandatory_missing', code: f.code, message: `Направление «${f.name}» ${why}` });
    }
  }
  return problems;
}

/** The selection MEDK proposes: mandatory codes first, then by risk (level, score), within the limit. */
export function suggestedDirections(profile: RiskProfile, rules: Partial<ActivationRules> = {}): FactorCode[] {
  const r = withDefaults(rules);
  const eligible = factorsByRisk(profile).filter((f) => selectable(r, f.code, f.level));
  const mandatory = mandatorySet(profile, r);
  const rank = (code: FactorCode): number => (r.mandatoryCodes.includes(code) ? 2 : mandatory.has(code) ? 1 : 0);
  return eligible
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(b.f.code) - rank(a.f.code) || a.i - b.i)
    .slice(0, Math.max(0, r.maxDirections))
    .map((x) => x.f.code);
}
