// Russian names of audit actions, record types and changed fields (unknown ones are shown as they are).

export const ACTION_LABELS: Record<string, string> = {
  create: 'Создание',
  update: 'Изменение',
  delete: 'Удаление',
  import: 'Импорт',
  export: 'Выгрузка',
  login: 'Вход',
  logout: 'Выход',
  password: 'Смена пароля',
  password_reset: 'Сброс пароля',
  credentials: 'Выдача реквизитов',
  select: 'Отбор в проект',
  unselect: 'Исключение из проекта',
  assign: 'Назначение',
  submit: 'Отправка',
  approve: 'Согласование',
  reject: 'Возврат на доработку',
};

export const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  import: 'purple',
  credentials: 'gold',
  password_reset: 'gold',
  password: 'cyan',
};

export const ENTITY_LABELS: Record<string, string> = {
  user: 'Учётная запись',
  region: 'Регион',
  municipality: 'Муниципалитет',
  school: 'Школа',
  cycle: 'Год проекта',
  cycle_school: 'Школа в проекте',
  curator_assignment: 'Назначение куратора',
  roadmap: 'Дорожная карта',
  territories: 'Территории',
};

export const FIELD_LABELS: Record<string, string> = {
  login: 'Логин',
  fullName: 'ФИО / полное название',
  shortName: 'Краткое название',
  email: 'Электронная почта',
  phone: 'Телефон',
  active: 'Активна',
  role: 'Роль',
  regionId: 'Регион (номер)',
  municipalityId: 'Муниципалитет (номер)',
  schoolId: 'Школа (номер)',
  mustChangePassword: 'Нужно сменить пароль',
  unlocked: 'Блокировка снята',
  created: 'Создана новая запись',
  curatorSchools: 'Школы куратора',
  curatorId: 'Куратор (номер)',
  cycleYear: 'Год проекта',
  schoolCode: 'Код школы',
  code: 'Код',
  name: 'Название',
  title: 'Название',
  status: 'Статус',
  address: 'Адрес',
  directorName: 'Директор',
};

export const actionLabel = (a: string) => ACTION_LABELS[a] ?? a;
export const entityLabel = (e: string) => ENTITY_LABELS[e] ?? e;
export const fieldLabel = (f: string) => FIELD_LABELS[f] ?? f;
