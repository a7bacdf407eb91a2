// «Реквизиты доступа»: new one-time passwords for the schools of a territory or for the selected accounts,
// downloaded as an Excel file.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Form, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { download } from '../../shared/api';
import { errorText } from '../../shared/forms';
import { useUser } from '../auth/session';
import { useCycles, useMunicipalities, useRegions, USERS_KEY } from './api';

type Mode = 'schools' | 'selected';

interface Values {
  mode: Mode;
  regionId?: number;
  municipalityId?: number;
  onlyCycle: boolean;
  cycleYear?: number;
}

export function CredentialsModal({
  open,
  selectedIds,
  onClose,
  onDone,
}: {
  open: boolean;
  selectedIds: number[];
  onClose: () => void;
  onDone: () => void;
}) {
  const actor = useUser();
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const mode = Form.useWatch('mode', form) as Mode | undefined;
  const onlyCycle = Form.useWatch('onlyCycle', form) as boolean | undefined;
  const regionId = (Form.useWatch('regionId', form) as number | undefined) ?? actor.regionId ?? undefined;
  const regionFixed = actor.regionId !== null;
  const municipalityFixed = actor.municipalityId !== null;
  const regions = useRegions(open && !regionFixed);
  const municipalities = useMunicipalities(regionId, open && !municipalityFixed && regionId !== undefined);
  const cycles = useCycles();

  useEffect(() => {
    if (!open) return;
    setError(undefined);
    const active = cycles.data?.find((c) => c.status === 'active') ?? cycles.data?.[0];
    form.setFieldsValue({
      mode: selectedIds.length ? 'selected' : 'schools',
      regionId: undefined,
      municipalityId: undefined,
      onlyCycle: true,
      cycleYear: active?.year ?? new Date().getFullYear(),
    });
  }, [open, selectedIds.length, cycles.data, form]);

  const submit = async (values: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      const body =
        values.mode === 'selected'
          ? { userIds: selectedIds }
          : {
              schools: {
                ...(values.onlyCycle && values.cycleYear ? { cycleYear: values.cycleYear } : {}),
                ...(!regionFixed && values.regionId ? { regionId: values.regionId } : {}),
                ...(!municipalityFixed && values.municipalityId ? { municipalityId: values.municipalityId } : {}),
              },
            };
      await download('/api/users/credentials', body, 'credentials.xlsx');
      await client.invalidateQueries({ queryKey: USERS_KEY });
      message.success('Файл с реквизитами доступа сформирован');
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const territoryHint = municipalityFixed
    ? 'Школы вашего муниципалитета.'
    : regionFixed
      ? 'Школы вашего региона или одного муниципалитета.'
      : 'Школы всех регионов, одного региона или муниципалитета.';

  return (
    <Modal
      open={open}
      title="Реквизиты доступа"
      okText="Сформировать файл"
      cancelText="Отмена"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okButtonProps={{ danger: true, 'data-testid': 'credentials-submit' } as ButtonProps}
      forceRender
      width={600}
    >
      <div data-testid="credentials-modal">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="credentials-error" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="mode" label="Для кого">
            <Radio.Group data-testid="credentials-mode">
              <Radio value="schools">Для школ территории</Radio>
              <Radio value="selected" disabled={selectedIds.length === 0}>
                Для выбранных в таблице ({selectedIds.length})
              </Radio>
            </Radio.Group>
          </Form.Item>
          {mode === 'schools' && (
            <>
              <Typography.Paragraph type="secondary">{territoryHint}</Typography.Paragraph>
              {!regionFixed && (
                <Form.Item name="regionId" label="Регион">
                  {regions.isError ? (
                    <InputNumber min={1} precision={0} placeholder="Номер (ID), пусто — все" style={{ width: '100%' }} />
                  ) : (
                    <Select
                      allowClear
                      showSearch={{ optionFilterProp: 'label' }}
                      placeholder="Все регионы"
                      loading={regions.isFetching}
                      options={(regions.data ?? []).map((o) => ({ value: o.id, label: o.label }))}
                      onChange={() => form.setFieldsValue({ municipalityId: undefined })}
                    />
                  )}
                </Form.Item>
              )}
              {!municipalityFixed && (
                <Form.Item name="municipalityId" label="Муниципалитет">
                  {municipalities.isError || regions.isError ? (
                    <InputNumber min={1} precision={0} placeholder="Номер (ID), пусто — все" style={{ width: '100%' }} />
                  ) : (
                    <Select
                      allowClear
                      showSearch={{ optionFilterProp: 'label' }}
                      disabled={regionId === undefined}
                      placeholder={regionId === undefined ? 'Сначала выберите регион' : 'Все муниципалитеты'}
                      loading={municipalities.isFetching}
                      options={(municipalities.data ?? []).map((o) => ({ value: o.id, label: o.label }))}
                      data-testid="credentials-municipality"
                    />
                  )}
                </Form.Item>
              )}
              <Form.Item name="onlyCycle" valuePropName="checked" style={{ marginBottom: 8 }}>
                <Checkbox data-testid="credentials-only-cycle">Только школы, отобранные в проект</Checkbox>
              </Form.Item>
              {onlyCycle && (
                <Form.Item name="cycleYear" label="Год проекта">
                  {cycles.isError || !cycles.data?.length ? (
                    <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} />
                  ) : (
                    <Select
                      style={{ width: 260 }}
                      options={cycles.data.map((c) => ({ value: c.year, label: c.title }))}
                      data-testid="credentials-cycle"
                    />
                  )}
                </Form.Item>
              )}
            </>
          )}
        </Form>
        <Alert
          type="warning"
          showIcon
          title="Старые пароли перестанут действовать"
          description={
            mode === 'selected'
              ? 'Выбранным пользователям будут выданы новые временные пароли; их текущие сеансы завершатся.'
              : 'Школам без учётной записи она будет создана (логин «school-<код школы>»); у существующих учётных записей школ пароль будет заменён на новый временный. Файл содержит пароли — передавайте его только ответственным лицам.'
          }
        />
      </div>
    </Modal>
  );
}
