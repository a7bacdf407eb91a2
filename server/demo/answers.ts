// Synthetic questionnaire answers for the demo dataset and the benchmarks: every question answered,
// biased towards one end of each scale by a school's tendency (0 = low risk answers … 1 = the other end).
import { surveyQuestions, type InstrumentDefinition } from '../../domain/surveys/index.js';

export function syntheticAnswers(definition: InstrumentDefinition, tendency: number, random: () => number): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  const pick = (n: number) => Math.min(n - 1, Math.max(0, Math.floor((tendency * 0.7 + random() * 0.3) * n)));
  for (const el of surveyQuestions(definition.survey)) {
    if (el.type === 'radiogroup' || el.type === 'dropdown') answers[el.name] = el.choices[pick(el.choices.length)]?.value;
    else if (el.type === 'checkbox') answers[el.name] = [el.choices[pick(el.choices.length)]?.value];
    else if (el.type === 'rating') answers[el.name] = el.rateMin + pick(el.rateMax - el.rateMin + 1);
    else if (el.type === 'boolean') answers[el.name] = random() < tendency;
  }
  return answers;
}
