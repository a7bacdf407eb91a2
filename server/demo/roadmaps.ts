// Demo roadmaps: a regional plan-schedule of «Орловская область» for 2026 and the municipal one of
// Кромской район copied from it with two items of its own, with a few execution marks so that
// monitoring shows numbers. Built in code (no fixture files are read at runtime).
import { and, eq, inArray } from 'drizzle-orm';
import { EMPTY_DIFF } from '../../domain/roadmaps/revisions.js';
import type { Db, Tx } from '../db/client.js';
import { cycles, itemExecutions, municipalities, regions, roadmapItems, roadmaps, users } from '../db/schema.js';
import { ensureStages } from '../modules/monitoring/stages.js';
import { buildItems, type ItemInput } from '../modules/roadmaps/items.js';
import { snapshotOf } from '../modules/roadmaps/lifecycle.js';
import * as q from '../modules/roadmaps/queries.js';
import { insertItems } from '../modules/roadmaps/service.js';
import { isPeriodic } from '../modules/roadmaps/views.js';

const DEPARTMENT = 'Департамент образования Орловской области';
const IRO = 'БУ ОО ДПО «Институт развития образования»';

const REGIONAL: Omit<ItemInput, 'id'>[] = [
  {
    number: '1',
    title: 'Назначение регионального и муниципальных координаторов проекта адресной методической помощи',
    timingText: 'до 31.01.2026',
    responsibleText: `${DEPARTMENT}, региональный координатор`,
    indicator: 'Приказ о назначении координаторов',
    infoSupport: 'Сайт Департамента образования Орловской области',
  },
  {
    number: '2',
    title: 'Отбор кураторов школ с низкими образовательными результатами и закрепление их за школами',
    timingText: 'Январь–февраль 2026 г.',
    responsibleText: 'Региональный координатор, муниципальные координаторы',
    indicator: 'Кураторы закреплены за 100% школ проекта',
    infoSupport: '',
  },
  {
    number: '2.1',
    title: 'Участие кураторов в обучающих вебинарах ФИОКО',
    timingText: 'Еженедельно по четвергам до 31.03.2026',
    responsibleText: 'Кураторы, региональный координатор',
    indicator: 'Не менее 90% кураторов приняли участие в вебинарах',
    infoSupport: '',
  },
  {
    number: '3',
    title: 'Анкетирование участников образовательных отношений и формирование рисковых профилей школ',
    timingText: '16.02.2026–13.03.2026',
    responsibleText: `${IRO}, руководители ОО`,
    indicator: 'Рисковые профили 100% школ проекта размещены в ИС МЭДК',
    infoSupport: 'Информационное письмо в МОУО',
  },
  {
    number: '4',
    title: 'Разработка и утверждение муниципальных дорожных карт методической помощи школам',
    timingText: 'до 31.03.2026',
    responsibleText: 'Муниципальные координаторы, органы управления образованием',
    indicator: 'Муниципальные дорожные карты утверждены приказами МОУО',
    infoSupport: 'Сайты органов управления образованием',
  },
  {
    number: '5',
    title: 'Разработка концептуальных документов и антирисковых программ школ',
    timingText: 'Март-апрель 2026 г.',
    responsibleText: 'Руководители ОО, кураторы',
    indicator: 'Концептуальные документы 100% школ проекта размещены в ИС МЭДК',
    infoSupport: 'Сайты школ',
  },
  {
    number: '6',
    title: 'Адресные консультации кураторов для управленческих команд школ',
    timingText: 'Ежемесячно',
    responsibleText: 'Кураторы, ИРО',
    indicator: 'Не менее одной консультации в месяц для каждой школы',
    infoSupport: '',
  },
  {
    number: '7',
    title: 'Курсы повышения квалификации для учителей математики и русского языка школ проекта',
    timingText: 'Март-май, сентябрь-ноябрь 2026 г.',
    responsibleText: IRO,
    indicator: 'Повышение квалификации прошли не менее 80% учителей школ проекта',
    infoSupport: 'Сайт института развития образования',
  },
  {
    number: '8',
    title: 'Первый этап мониторинга реализации дорожных карт',
    timingText: 'Июнь 2026 г.',
    responsibleText: 'Региональный координатор',
    indicator: 'Не менее 45% мероприятий исполнены и подтверждены',
    infoSupport: '',
  },
  {
    number: '9',
    title: 'Информационное сопровождение проекта в средствах массовой информации и на официальных сайтах',
    timingText: 'В течение года',
    responsibleText: 'Департамент образования, МОУО, руководители ОО',
    indicator: 'Не менее 2 публикаций в квартал',
    infoSupport: 'Сайт Департамента, группы в социальных сетях',
  },
  {
    number: '10',
    title: 'Второй этап мониторинга реализации дорожных карт',
    timingText: 'до 30.09.2026',
    responsibleText: 'Региональный координатор, муниципальные координаторы',
    indicator: 'Не менее 75% мероприятий исполнены и подтверждены',
    infoSupport: '',
  },
  {
    number: '11',
    title: 'Региональный семинар по итогам реализации проекта «500+»',
    timingText: 'Декабрь 2026 г.',
    responsibleText: `${IRO}, региональный координатор`,
    indicator: 'Проведён семинар, материалы размещены на сайте',
    infoSupport: 'Сайт института развития образования',
  },
];

const KROMY_EXTRA: Omit<ItemInput, 'id'>[] = [
  {
    number: '12',
    title: 'Совещание с руководителями школ Кромского района по итогам анкетирования',
    timingText: '20.03.2026',
    responsibleText: 'Отдел образования администрации Кромского района',
    indicator: 'Протокол совещания',
    infoSupport: 'Сайт администрации Кромского района',
  },
  {
    number: '13',
    title: 'Выездные посещения школ проекта кураторами и муниципальным координатором',
    timingText: 'Ежеквартально',
    responsibleText: 'Муниципальный координатор, кураторы',
    indicator: 'Справки по итогам посещений',
    infoSupport: '',
  },
];

async function userId(tx: Tx, login: string): Promise<number | null> {
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.login, login));
  return row?.id ?? null;
}

/** Adds the demo roadmaps when the demo region and year exist and they are not there yet. */
export async function seedDemoRoadmaps(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const [region] = await tx.select().from(regions).where(eq(regions.code, '57'));
    const [kromy] = await tx.select().from(municipalities).where(eq(municipalities.code, '57-01'));
    const [cycle] = await tx.select().from(cycles).where(eq(cycles.year, 2026));
    if (!region || !kromy || !cycle) return;
    const [existing] = await tx
      .select({ id: roadmaps.id })
      .from(roadmaps)
      .where(and(eq(roadmaps.cycleId, cycle.id), eq(roadmaps.level, 'regional'), eq(roadmaps.regionId, region.id)));
    if (existing) return;

    const [regionUser, kromyUser, fedUser] = [await userId(tx, 'region57'), await userId(tx, 'mo-kromy'), await userId(tx, 'fed')];
    const stages = await ensureStages(tx, cycle);
    const stage1 = stages[0];
    if (!stage1) return;

    const regional = await q.insertRoadmap(tx, {
      cycleId: cycle.id,
      level: 'regional',
      regionId: region.id,
      title: 'Региональный план-график реализации проекта адресной методической помощи («500+») в Орловской области в 2026 году',
      orderAuthority: DEPARTMENT,
      orderNumber: '112',
      orderDate: '2026-01-26',
      year: cycle.year,
      createdBy: regionUser,
    });
    const regionalIds = await insertItems(tx, regional.id, buildItems(REGIONAL, cycle.year));

    const municipal = await q.insertRoadmap(tx, {
      cycleId: cycle.id,
      level: 'municipal',
      regionId: region.id,
      municipalityId: kromy.id,
      title: 'Муниципальный план-график реализации проекта «500+» в Кромском районе в 2026 году',
      orderAuthority: 'Отдел образования администрации Кромского района',
      orderNumber: '21',
      orderDate: '2026-02-10',
      year: cycle.year,
      templateId: regional.id,
      createdBy: kromyUser,
    });
    const municipalValues = buildItems([...REGIONAL, ...KROMY_EXTRA], cycle.year);
    const municipalIds = await insertItems(tx, municipal.id, municipalValues);
    // copied items keep the link to the regional ones
    for (const [k, id] of regionalIds.entries()) {
      await tx.update(roadmapItems).set({ templateItemId: id }).where(eq(roadmapItems.id, municipalIds[k] as number));
    }

    // both approved by their orders (revision 1); the regional order later amended nothing
    for (const rm of [regional, municipal]) {
      await q.insertRevision(tx, {
        roadmapId: rm.id,
        number: 1,
        kind: 'approval',
        orderAuthority: rm.orderAuthority,
        orderNumber: rm.orderNumber,
        orderDate: rm.orderDate as string,
        orderTitle: rm.title,
        items: snapshotOf(await q.itemsOf(tx, rm.id)),
        diff: EMPTY_DIFF,
        createdBy: rm.createdBy,
      });
      await tx.update(roadmaps).set({ status: 'approved', revision: 1 }).where(eq(roadmaps.id, rm.id));
    }

    const periodic = new Set([...regionalIds, ...municipalIds]);
    const periodicIds = new Set(
      (await tx.select({ id: roadmapItems.id, timing: roadmapItems.timing }).from(roadmapItems).where(inArray(roadmapItems.id, [...periodic])))
        .filter((i) => isPeriodic(i.timing))
        .map((i) => i.id),
    );
    const at = (iso: string) => new Date(`${iso}T10:00:00+03:00`);
    const mark = (itemId: number, status: 'done' | 'confirmed', by: number | null, reviewer: number | null, day: string, comment: string) => ({
      itemId,
      // a one-off activity: one dated fact for all stages; a periodic one: the stage's own mark
      stageId: periodicIds.has(itemId) ? stage1.id : null,
      executedOn: day,
      status,
      comment,
      updatedBy: by,
      updatedAt: at(day),
      confirmedBy: status === 'confirmed' ? reviewer : null,
      confirmedAt: status === 'confirmed' ? at(day) : null,
    });
    const r = (k: number) => regionalIds[k] as number;
    const m = (k: number) => municipalIds[k] as number;
    await tx.insert(itemExecutions).values([
      mark(r(0), 'confirmed', regionUser, fedUser, '2026-02-02', 'Приказ Департамента от 26.01.2026 № 112'),
      mark(r(1), 'confirmed', regionUser, fedUser, '2026-03-02', 'Кураторы закреплены за всеми 12 школами'),
      mark(r(3), 'done', regionUser, null, '2026-03-16', 'Рисковые профили размещены'),
      mark(m(0), 'confirmed', kromyUser, regionUser, '2026-02-03', 'Муниципальный координатор назначен'),
      mark(m(1), 'confirmed', kromyUser, regionUser, '2026-03-01', 'Кураторы закреплены за 4 школами района'),
      mark(m(4), 'confirmed', kromyUser, regionUser, '2026-03-31', 'Приказ отдела образования от 10.02.2026 № 21'),
      mark(m(3), 'done', kromyUser, null, '2026-03-14', 'Анкетирование прошли все 4 школы'),
      mark(m(12), 'done', kromyUser, null, '2026-03-20', 'Протокол совещания № 3'),
    ]);
  });
}
