// Region → municipality → school pickers inside a Form, matching the binding of the chosen role.
// A coordinator's own region (and municipality) are fixed. Without the territory lists an id can be typed.
import { Alert, Form, InputNumber, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect } from 'react';
import type { Binding } from '../../../domain/access/roles';
import type { CurrentUser } from '../auth/session';
import { useMunicipalities, useRegions, useSchools, type TerritoryOption } from './api';

interface Props {
  form: FormInstance;
  binding: Binding;
  actor: CurrentUser;
}

function PickOrType({
  name,
  label,
  required,
  options,
  loading,
  failed,
  disabled,
  placeholder,
  testId,
  onChange,
}: {
  name: string;
  label: string;
  required: boolean;
  options: TerritoryOption[] | undefined;
  loading: boolean;
  failed: boolean;
  disabled?: boolean;
  placeholder: string;
  testId: string;
  onChange?: () => void;
}) {
  // The placeholder says what to do («Выберите школу», «Сначала выберите муниципалитет»).
  const rules = required ? [{ required: true, message: placeholder }] : [];
  return (
    <Form.Item name={name} label={label} rules={rules}>
      {failed ? (
        <InputNumber min={1} precision={0} style={{ width: '100%' }} placeholder="Номер (ID)" data-testid={testId} onChange={onChange} />
      ) : (
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          allowClear={!required}
          loading={loading}
          disabled={disabled}
          placeholder={placeholder}
          options={(options ?? []).map((o) => ({ value: o.id, label: o.label }))}
          onChange={onChange}
          data-testid={testId}
          notFoundContent={loading ? 'Загрузка…' : 'Нет вариантов'}
        />
      )}
    </Form.Item>
  );
}

export function TerritoryFields({ form, binding, actor }: Props) {
  const regionFixed = actor.regionId !== null;
  const municipalityFixed = actor.municipalityId !== null;
  const regionId = Form.useWatch('regionId', form) as number | undefined;
  const municipalityId = Form.useWatch('municipalityId', form) as number | undefined;

  const needsMunicipality = binding === 'municipality' || binding === 'school' || binding === 'any';
  const needsSchool = binding === 'school' || binding === 'any';
  const regions = useRegions(binding !== 'none' && !regionFixed);
  const municipalities = useMunicipalities(regionId, binding !== 'none' && needsMunicipality && !municipalityFixed && regionId !== undefined);
  const schools = useSchools(municipalityId, binding !== 'none' && needsSchool);

  // A coordinator's own territory is filled in and not changeable.
  useEffect(() => {
    if (binding === 'none') return;
    if (regionFixed && form.getFieldValue('regionId') !== actor.regionId) form.setFieldValue('regionId', actor.regionId);
    if (municipalityFixed && form.getFieldValue('municipalityId') !== actor.municipalityId) {
      form.setFieldValue('municipalityId', actor.municipalityId);
    }
  }, [binding, form, actor.regionId, actor.municipalityId, regionFixed, municipalityFixed]);

  if (binding === 'none') {
    return <Typography.Paragraph type="secondary">Учётная запись этой роли не привязана к территории.</Typography.Paragraph>;
  }
  const failed = regions.isError || municipalities.isError || schools.isError;
  return (
    <>
      {failed && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="Справочник территорий сейчас недоступен"
          description="Можно указать номер (ID) территории вручную или повторить позже."
        />
      )}
      {binding === 'any' && (
        <Typography.Paragraph type="secondary">
          Укажите территорию, с которой будет работать пользователь: регион, муниципалитет или школу.
        </Typography.Paragraph>
      )}
      {regionFixed ? (
        <Form.Item name="regionId" hidden>
          <InputNumber />
        </Form.Item>
      ) : (
        <PickOrType
          name="regionId"
          label="Регион"
          required={binding === 'region' || (binding !== 'any' && !regions.isError)}
          options={regions.data}
          loading={regions.isFetching}
          failed={regions.isError}
          placeholder="Выберите регион"
          testId="user-form-region"
          onChange={() => form.setFieldsValue({ municipalityId: undefined, schoolId: undefined })}
        />
      )}
      {needsMunicipality &&
        (municipalityFixed ? (
          <Form.Item name="municipalityId" hidden>
            <InputNumber />
          </Form.Item>
        ) : (
          <PickOrType
            name="municipalityId"
            label="Муниципалитет"
            required={binding === 'municipality' || binding === 'school'}
            options={municipalities.data}
            loading={municipalities.isFetching}
            failed={municipalities.isError || regions.isError}
            disabled={regionId === undefined}
            placeholder={regionId === undefined ? 'Сначала выберите регион' : 'Выберите муниципалитет'}
            testId="user-form-municipality"
            onChange={() => form.setFieldsValue({ schoolId: undefined })}
          />
        ))}
      {needsSchool && (
        <PickOrType
          name="schoolId"
          label="Школа"
          required={binding === 'school'}
          options={schools.data}
          loading={schools.isFetching}
          failed={failed}
          disabled={municipalityId === undefined}
          placeholder={municipalityId === undefined ? 'Сначала выберите муниципалитет' : 'Выберите школу'}
          testId="user-form-school"
        />
      )}
    </>
  );
}
