// Default questionnaires for students of grades 6 and 9 («Анкета обучающегося»): same core, grade 9 adds exam questions.
import { AGREE4, ALWAYS4, choice as c, NEVER4, NO_SOMETIMES_OFTEN, OFTEN4, radio } from './scales.js';
import type { InstrumentDefinition, SurveyPage } from './types.js';

const HOME_LANGUAGE = [c('russian', 'На русском'), c('both', 'На русском и на другом языке'), c('other', 'На другом языке')];

function studentPages(): SurveyPage[] {
  return [
    {
      name: 'study',
      title: 'Учёба',
      elements: [
        radio('s_like_school', 'Мне нравится учиться в школе', AGREE4),
        radio('s_interesting_lessons', 'На большинстве уроков мне интересно', AGREE4),
        radio('s_homework', 'Как часто ты выполняешь домашнее задание полностью?', [
          c('always', 'Всегда'),
          c('often', 'Часто'),
          c('sometimes', 'Иногда'),
          c('rarely', 'Редко или никогда'),
        ]),
        radio('s_grades', 'Какие отметки у тебя чаще всего?', [
          c('mostly5', 'В основном «5»'),
          c('mostly4', 'В основном «4» и «5»'),
          c('mostly3', 'Много «3»'),
          c('has2', 'Бывают «2»'),
        ]),
        radio('s_understand', 'Как часто тебе непонятно объяснение учителя на уроке?', NEVER4),
        radio('s_help', 'Если тебе что-то непонятно, учитель помогает разобраться?', ALWAYS4),
        radio('s_tasks_level', 'Учителя дают задания разной сложности, и можно выбрать посильное', AGREE4),
        radio('s_computers', 'Как часто на уроках вы работаете с компьютерами, планшетами или лабораторным оборудованием?', OFTEN4),
        radio('s_teachers_missing', 'Бывает ли, что уроки по какому-то предмету не проводятся или их долго ведёт замена?', NO_SOMETIMES_OFTEN),
      ],
    },
    {
      name: 'school',
      title: 'Школа и дом',
      elements: [
        radio('s_safe', 'Я чувствую себя в школе в безопасности', AGREE4),
        radio('s_bullying', 'Как часто за последний месяц тебя обижали или дразнили в школе?', [
          c('never', 'Ни разу'),
          c('once', 'Один раз'),
          c('several', 'Несколько раз'),
          c('often', 'Почти каждую неделю'),
        ]),
        radio('s_home_language', 'На каком языке ты чаще всего говоришь дома?', HOME_LANGUAGE),
        radio('s_language', 'Бывает ли тебе трудно понять текст учебника или задание из-за языка?', NO_SOMETIMES_OFTEN),
        radio('s_parents_interest', 'Как часто родители спрашивают тебя о школе и учёбе?', [
          c('daily', 'Почти каждый день'),
          c('weekly', 'Раз в неделю'),
          c('rarely', 'Редко'),
          c('never', 'Никогда'),
        ]),
      ],
    },
  ];
}

export const STUDENTS6: InstrumentDefinition = {
  code: 'students6',
  version: 1,
  respondent: 'Обучающийся 6 класса',
  title: 'Анкета обучающегося 6 класса',
  survey: {
    title: 'Анкета для ученика 6 класса',
    description: 'Анкета анонимная: не пиши своё имя и фамилию. Здесь нет правильных и неправильных ответов.',
    locale: 'ru',
    showQuestionNumbers: 'on',
    showProgressBar: 'top',
    pages: studentPages(),
  },
};

const grade9 = studentPages();
grade9.push({
  name: 'exams',
  title: 'После 9 класса',
  elements: [
    radio('s_exam_ready', 'Насколько ты уверен(а), что успешно сдашь ОГЭ?', [
      c('sure', 'Уверен(а)'),
      c('rather_sure', 'Скорее уверен(а)'),
      c('rather_not', 'Скорее не уверен(а)'),
      c('not_sure', 'Не уверен(а)'),
    ]),
    radio('s_plans', 'Знаешь ли ты, где будешь учиться после 9 класса?', [
      c('decided', 'Да, уже решил(а)'),
      c('thinking', 'Выбираю из нескольких вариантов'),
      c('no_idea', 'Пока не думал(а) об этом'),
    ]),
  ],
});

export const STUDENTS9: InstrumentDefinition = {
  code: 'students9',
  version: 1,
  respondent: 'Обучающийся 9 класса',
  title: 'Анкета обучающегося 9 класса',
  survey: {
    title: 'Анкета для ученика 9 класса',
    description: 'Анкета анонимная: не пиши своё имя и фамилию. Здесь нет правильных и неправильных ответов.',
    locale: 'ru',
    showQuestionNumbers: 'on',
    showProgressBar: 'top',
    pages: grade9,
  },
};
