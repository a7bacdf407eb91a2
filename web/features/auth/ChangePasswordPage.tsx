import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api';
import { applyApiError } from '../../shared/forms';
import { ME_KEY, useMe } from './session';

/** Shown instead of everything else while the user has a one-time password; also reachable from the menu. */
export function ChangePasswordPage({ forced }: { forced?: boolean }) {
  const [form] = Form.useForm();
  const client = useQueryClient();
  const { message } = App.useApp();
  const me = useMe();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: { currentPassword: string; newPassword: string; repeat: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.post('/api/auth/password', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      message.success('Пароль изменён');
      form.resetFields();
      await client.invalidateQueries({ queryKey: ME_KEY });
    } catch (e) {
      setError(applyApiError(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={forced ? { minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 16 } : undefined}>
      <Card style={{ width: '100%', maxWidth: 440 }} title="Смена пароля">
        {forced && (
          <Typography.Paragraph>
            {me.data?.fullName}, вы вошли с временным паролем. Придумайте свой пароль: не короче 10 символов, не из
            списков популярных паролей и не ваш логин — удобнее всего фраза из нескольких слов.
          </Typography.Paragraph>
        )}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="currentPassword" label="Текущий (временный) пароль" rules={[{ required: true, message: 'Введите текущий пароль' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label="Новый пароль" rules={[{ required: true, message: 'Введите новый пароль' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="repeat"
            label="Повторите новый пароль"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: 'Повторите пароль' },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error('Пароли не совпадают')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            Сохранить пароль
          </Button>
        </Form>
      </Card>
    </div>
  );
}
