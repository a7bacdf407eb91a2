// Default questionnaire for curator candidates («Анкета кандидата в кураторы»): self-assessment, not part of school profiles.
import { FACTOR_CODES, FACTOR_NAMES } from '../factors.js';
import { choice as c, radio, rating, YES_PARTLY_NO } from './scales.js';
import type { InstrumentDefinition } from './types.js';

export const CURATOR_CANDIDATE: InstrumentDefinition = {
  code: 'curator_candidate',
  version: 1,
  respondent: 'Кандидат в кураторы',
  title: 'Анкета кандидата в кураторы школ',
  survey: {
    title: 'Анкета кандидата в кураторы школ с низкими образовательными результатами',
    description: 'Анкета анонимная: не указывайте фамилию и имя. Ответы помогут региону спланировать подбор и обучение кураторов.',
    locale: 'ru',
    showQuestionNumbers: 'on',
    showProgressBar: 'top',
    pages: [
      {
        name: 'experience',
        title: 'Опыт',
        elements: [
          {
            type: 'dropdown',
            name: 'c_position',
            title: 'Ваша основная должность',
            isRequired: true,
            choices: [
              c('teacher', 'Учитель'),
              c('deputy', 'Заместитель руководителя школы'),
              c('director', 'Руководитель школы'),
              c('methodist', 'Методист муниципальной методической службы'),
              c('institute', 'Сотрудник института развития образования (ИРО, ИПК)'),
              c('other', 'Другое'),
            ],
          },
          radio('c_experience', 'Стаж педагогической или управленческой работы', [
            c('lt5', 'Менее 5 лет'),
            c('5_10', '5–10 лет'),
            c('10_20', '10–20 лет'),
            c('gt20', 'Более 20 лет'),
          ]),
          radio('c_support_experience', 'Есть ли у вас опыт наставничества или методического сопровождения школ?', [
            c('yes', 'Да, большой'),
            c('some', 'Небольшой'),
            c('no', 'Нет'),
          ]),
          {
            type: 'checkbox',
            name: 'c_factors',
            title: 'По каким направлениям вы готовы оказывать школам методическую помощь?',
            isRequired: true,
            choices: FACTOR_CODES.map((code) => c(code, FACTOR_NAMES[code])),
          },
        ],
      },
      {
        name: 'readiness',
        title: 'Самооценка и готовность',
        elements: [
          rating('c_analysis', 'Оцените своё умение анализировать результаты оценочных процедур (ВПР, ОГЭ)', 'Не умею', 'Умею отлично'),
          rating('c_planning', 'Оцените своё умение разрабатывать концепцию развития школы и антирисковые программы', 'Не умею', 'Умею отлично'),
          rating('c_communication', 'Оцените своё умение выстраивать конструктивный диалог с администрацией школы', 'Не умею', 'Умею отлично'),
          radio('c_hours', 'Сколько часов в месяц вы готовы уделять работе куратора?', [
            c('lt4', 'Менее 4'),
            c('4_8', '4–8'),
            c('8_16', '8–16'),
            c('gt16', 'Более 16'),
          ]),
          { type: 'boolean', name: 'c_visits', title: 'Готовы ли вы выезжать в закреплённые за вами школы?', labelTrue: 'Да', labelFalse: 'Нет', isRequired: true },
          radio('c_online', 'Владеете ли вы инструментами дистанционного взаимодействия (видеосвязь, облачные документы)?', YES_PARTLY_NO),
          {
            type: 'comment',
            name: 'c_motivation',
            title: 'Почему вы хотите стать куратором? (необязательно)',
            maxLength: 1000,
          },
        ],
      },
    ],
  },
};
