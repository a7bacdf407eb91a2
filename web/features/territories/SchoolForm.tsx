// School form fields: identity (code, names, address, locality) and contacts/context (the part a school may edit).
import { Col, Form, Input, InputNumber, Radio, Row, Typography } from 'antd';
import { CONTEXT_FIELDS, type Locality } from '../../../domain/territories/school';
import type { SchoolItem } from './api';

export interface SchoolFormValues {
  code?: string;
  fullName?: string;
  shortName?: string;
  address?: string;
  locality?: Locality;
  directorName: string;
  email: string;
  phone: string;
  context: Record<string, number | null | undefined>;
}

export function schoolFormValues(school: SchoolItem): SchoolFormValues {
  const context: SchoolFormValues['context'] = {};
  for (const f of CONTEXT_FIELDS) {
    const v = school.context[f.key];
    context[f.key] = typeof v === 'number' ? v : null;
  }
  return {
    code: school.code,
    fullName: school.fullName,
    shortName: school.shortName,
    address: school.address,
    locality: school.locality,
    directorName: school.directorName,
    email: school.email,
    phone: school.phone,
    context,
  };
}

/** The request body: empty numbers become null (remove); only the contact part when `contactsOnly`. */
export function schoolBody(values: SchoolFormValues, contactsOnly: boolean) {
  const context: Record<string, number | null> = {};
  for (const f of CONTEXT_FIELDS) {
    const v = values.context?.[f.key];
    context[f.key] = typeof v === 'number' ? v : null;
  }
  const contacts = {
    directorName: values.directorName ?? '',
    email: values.email ?? '',
    phone: values.phone ?? '',
    context,
  };
  if (contactsOnly) return contacts;
  return {
    code: values.code,
    fullName: values.fullName,
    shortName: values.shortName,
    address: values.address ?? '',
    locality: values.locality,
    ...contacts,
  };
}

export function SchoolIdentityFields() {
  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="code" label="Код школы" rules={required('Введите код')} extra="Буквы, цифры, «-», «.», «/»">
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item
            name="shortName"
            label="Краткое наименование"
            rules={required('Введите краткое наименование')}
            extra="Например: МБОУ «СОШ №32» ТГО"
          >
            <Input maxLength={300} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="fullName" label="Полное наименование" rules={required('Введите полное наименование')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item name="address" label="Адрес">
            <Input maxLength={1000} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="locality" label="Местность" rules={[{ required: true, message: 'Выберите: город или село' }]}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'urban', label: 'Город' },
                { value: 'rural', label: 'Село' },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

export function SchoolContactFields() {
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Form.Item name="directorName" label="ФИО директора">
            <Input maxLength={300} />
          </Form.Item>
        </Col>
        <Col xs={24} md={7}>
          <Form.Item name="email" label="Электронная почта" rules={[{ type: 'email', message: 'Проверьте адрес почты' }]}>
            <Input maxLength={200} inputMode="email" />
          </Form.Item>
        </Col>
        <Col xs={24} md={7}>
          <Form.Item name="phone" label="Телефон">
            <Input maxLength={100} inputMode="tel" placeholder="+7 (___) ___-__-__" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text strong>Контекстные данные</Typography.Text>
      <Row gutter={16} style={{ marginTop: 8 }}>
        {CONTEXT_FIELDS.map((f) => (
          <Col xs={12} md={6} key={f.key}>
            <Form.Item name={['context', f.key]} label={f.label}>
              <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </>
  );
}
