// Parts shared by the import wizard, «Создать» and the edit mode: the order details, the level and
// territory of a new roadmap, the source text panel and the «unsaved changes» guard.
import { Col, Form, Input, Row, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { CurrentUser } from '../auth/session';
import { useMunicipalities, useRegions, useSchools } from '../users/api';
import { LEVEL_LABELS, type CycleOption, type Level } from './api';

export interface DetailsValues {
  title: string;
  orderAuthority: string;
  orderNumber: string;
  orderDate: string;
}

export interface PlaceValues {
  cycleId?: number;
  level?: Level;
  regionId?: number;
  municipalityId?: number;
  schoolId?: number;
}

/** Levels the user's role may create at all (the server checks the territory). */
export function creatableLevels(user: Pick<CurrentUser, 'role'>): Level[] {
  switch (user.role) {
    case 'admin':
    case 'federal_coordinator':
      return ['federal', 'regional', 'municipal', 'school'];
    case 'regional_coordinator':
      return ['regional', 'municipal', 'school'];
    case 'municipal_coordinator':
      return ['municipal', 'school'];
    case 'school':
      return ['school'];
    default:
      return [];
  }
}

/** Order details: issuing body, number, date, title. */
export function DetailsFields() {
  return (
    <Row gutter={16}>
      <Col xs={24} md={16}>
        <Form.Item name="title" label="Название (о чём приказ)" rules={[{ required: true, whitespace: true, message: 'Введите название' }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} data-testid="order-title" />
        </Form.Item>
      </Col>
      <Col xs={12} md={4}>
        <Form.Item name="orderNumber" label="Номер приказа">
          <Input maxLength={50} placeholder="например, 101" data-testid="order-number" />
        </Form.Item>
      </Col>
      <Col xs={12} md={4}>
        <Form.Item name="orderDate" label="Дата приказа">
          <Input type="date" data-testid="order-date" />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="orderAuthority" label="Кто издал приказ" style={{ marginBottom: 8 }}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} placeholder="Орган управления образованием" data-testid="order-authority" />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Project year, level and territory of a new roadmap; a coordinator's own territory is fixed. */
export function PlaceFields({ form, user, cycles }: { form: FormInstance; user: CurrentUser; cycles: CycleOption[] }) {
  const levels = creatableLevels(user);
  const level = Form.useWatch('level', form) as Level | undefined;
  const regionId = Form.useWatch('regionId', form) as number | undefined;
  const municipalityId = Form.useWatch('municipalityId', form) as number | undefined;
  const needRegion = level === 'regional' || level === 'municipal' || level === 'school';
  const needMunicipality = level === 'municipal' || level === 'school';
  const needSchool = level === 'school';
  const regions = useRegions(needRegion);
  const municipalities = useMunicipalities(regionId, needMunicipality && regionId !== undefined);
  const schools = useSchools(municipalityId, needSchool);

  // A coordinator's own region, municipality and school are filled in.
  useEffect(() => {
    const fixed: PlaceValues = {};
    if (user.regionId !== null && needRegion) fixed.regionId = user.regionId;
    if (user.municipalityId !== null && needMunicipality) fixed.municipalityId = user.municipalityId;
    if (user.schoolId !== null && needSchool) fixed.schoolId = user.schoolId;
    if (Object.keys(fixed).length) form.setFieldsValue(fixed);
  }, [form, user.regionId, user.municipalityId, user.schoolId, needRegion, needMunicipality, needSchool]);

  return (
    <Row gutter={16}>
      <Col xs={24} md={6}>
        <Form.Item name="cycleId" label="Год проекта" rules={[{ required: true, message: 'Выберите год проекта' }]}>
          <Select options={cycles.map((c) => ({ value: c.id, label: c.title }))} data-testid="place-cycle" />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item name="level" label="Уровень дорожной карты" rules={[{ required: true, message: 'Выберите уровень' }]}>
          <Select
            options={levels.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))}
            onChange={() => form.setFieldsValue({ regionId: undefined, municipalityId: undefined, schoolId: undefined })}
            data-testid="place-level"
          />
        </Form.Item>
      </Col>
      {needRegion && (
        <Col xs={24} md={needSchool ? 4 : 6}>
          <Form.Item name="regionId" label="Регион" rules={[{ required: true, message: 'Выберите регион' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              disabled={user.regionId !== null}
              loading={regions.isFetching}
              options={(regions.data ?? []).map((o) => ({ value: o.id, label: o.label }))}
              onChange={() => form.setFieldsValue({ municipalityId: undefined, schoolId: undefined })}
              placeholder="Выберите регион"
              data-testid="place-region"
            />
          </Form.Item>
        </Col>
      )}
      {needMunicipality && (
        <Col xs={24} md={needSchool ? 4 : 6}>
          <Form.Item name="municipalityId" label="Муниципалитет" rules={[{ required: true, message: 'Выберите муниципалитет' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              disabled={user.municipalityId !== null || regionId === undefined}
              loading={municipalities.isFetching}
              options={(municipalities.data ?? []).map((o) => ({ value: o.id, label: o.label }))}
              onChange={() => form.setFieldsValue({ schoolId: undefined })}
              placeholder={regionId === undefined ? 'Сначала выберите регион' : 'Выберите муниципалитет'}
              data-testid="place-municipality"
            />
          </Form.Item>
        </Col>
      )}
      {needSchool && (
        <Col xs={24} md={4}>
          <Form.Item name="schoolId" label="Школа" rules={[{ required: true, message: 'Выберите школу' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              disabled={user.schoolId !== null || municipalityId === undefined}
              loading={schools.isFetching}
              options={(schools.data ?? []).map((o) => ({ value: o.id, label: o.label }))}
              placeholder={municipalityId === undefined ? 'Сначала выберите муниципалитет' : 'Выберите школу'}
              data-testid="place-school"
            />
          </Form.Item>
        </Col>
      )}
      {level === 'federal' && (
        <Col xs={24} md={12}>
          <Typography.Paragraph type="secondary" style={{ marginTop: 30 }}>
            Федеральная дорожная карта — для всей Российской Федерации.
          </Typography.Paragraph>
        </Col>
      )}
    </Row>
  );
}

/** Text for display: markup of the Word export (<p>) removed, tabs kept. */
export function displayText(source: string): string {
  return source.replace(/\r\n?/g, '\n').replace(/<\/?[a-z][^>]*>/gi, '');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where a row's text starts in the source: the first words of the title, any spacing between them. */
export function findInSource(text: string, snippet: string): [number, number] | null {
  const words = snippet
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((w) => w.length > 1)
    .slice(0, 5);
  if (words.length < 2) return null;
  const re = new RegExp(words.map(escapeRe).join('[^\\p{L}\\p{N}]+(?:\\S*?[^\\p{L}\\p{N}]+)?'), 'iu');
  const m = re.exec(text);
  return m ? [m.index, m.index + m[0].length] : null;
}

/** The source text, scrollable; the part matching the row being edited is highlighted. */
export function SourcePanel({ text, focus, height }: { text: string; focus?: string; height: number | string }) {
  const shown = useMemo(() => displayText(text), [text]);
  const range = useMemo(() => (focus ? findInSource(shown, focus) : null), [shown, focus]);
  const box = useRef<HTMLDivElement>(null);
  const mark = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const container = box.current;
    const target = mark.current;
    if (!container || !target) return;
    container.scrollTop = Math.max(0, target.offsetTop - container.offsetTop - 80);
  }, [range]);
  return (
    <div
      ref={box}
      data-testid="source-text"
      style={{
        height,
        overflow: 'auto',
        position: 'relative',
        whiteSpace: 'pre-wrap',
        tabSize: 4,
        fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace',
        fontSize: 12,
        lineHeight: 1.5,
        background: '#fafafa',
        border: '1px solid #f0f0f0',
        borderRadius: 6,
        padding: 12,
        overflowWrap: 'anywhere',
      }}
    >
      {range ? (
        <>
          {shown.slice(0, range[0])}
          <mark ref={mark} style={{ background: '#ffe58f', padding: 0 }}>
            {shown.slice(range[0], range[1])}
          </mark>
          {shown.slice(range[1])}
        </>
      ) : (
        shown
      )}
    </div>
  );
}

/** Asks before closing the tab while there are unsaved changes. */
export function useLeaveGuard(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return;
    const handler = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', handler);
    return () => window.removeEventListener('beforeunload', handler);
  }, [dirty]);
}
