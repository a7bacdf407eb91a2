// Create an account (role limited to what the actor may manage, territory by the role's binding) or edit one.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import type { ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { manageableRoles } from '../../../domain/access/policy';
import { ROLE_BINDING, ROLE_LABELS, type Role } from '../../../domain/access/roles';
import { api, ApiError } from '../../shared/api';
import { applyApiError } from '../../shared/forms';
import { useUser } from '../auth/session';
import { USERS_KEY, type UserItem } from './api';
import type { OneTimePassword } from './PasswordModal';
import { TerritoryFields } from './TerritoryFields';

interface CreateValues {
  fullName: string;
  role: Role;
  login?: string;
  email?: string;
  phone?: string;
  regionId?: number;
  municipalityId?: number;
  schoolId?: number;
}

export function CreateUserModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (password: OneTimePassword) => void;
}) {
  const actor = useUser();
  const [form] = Form.useForm<CreateValues>();
  const client = useQueryClient();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const role = Form.useWatch('role', form) as Role | undefined;
  const roles = manageableRoles(actor.role);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(undefined);
    }
  }, [open, form]);

  const submit = async (values: CreateValues) => {
    setBusy(true);
    setError(undefined);
    try {
      const binding = ROLE_BINDING[values.role];
      const body = {
        fullName: values.fullName,
        role: values.role,
        login: values.login?.trim() || undefined,
        email: values.email?.trim() || undefined,
        phone: values.phone?.trim() || undefined,
        ...(binding === 'none'
          ? {}
          : { regionId: values.regionId ?? null, municipalityId: values.municipalityId ?? null, schoolId: values.schoolId ?? null }),
      };
      const res = await api.post<{ user: UserItem; password: string }>('/api/users', body);
      await client.invalidateQueries({ queryKey: USERS_KEY });
      onCreated({
        login: res.user.login,
        password: res.password,
        fullName: res.user.fullName,
        title: 'Учётная запись создана',
      });
    } catch (e) {
      const rest = applyApiError(form, e);
      // The coordinator's own territory is a hidden field: its problems are shown above the form.
      const hidden = e instanceof ApiError
        ? e.fields.filter(
            (f) =>
              (f.path === 'regionId' && actor.regionId !== null) || (f.path === 'municipalityId' && actor.municipalityId !== null),
          )
        : [];
      setError(rest ?? (hidden.length ? hidden.map((f) => f.message).join('; ') : undefined));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="Новый пользователь"
      okText="Создать"
      cancelText="Отмена"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'user-form-submit' } as ButtonProps}
      width={560}
    >
      <div data-testid="user-form">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="user-form-error" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} preserve={false}>
          <Form.Item name="role" label="Роль" rules={[{ required: true, message: 'Выберите роль' }]}>
            <Select
              placeholder="Выберите роль"
              options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
              onChange={() => form.setFieldsValue({ schoolId: undefined })}
              data-testid="user-form-role"
            />
          </Form.Item>
          <Form.Item
            name="fullName"
            label={role === 'school' ? 'Название школы или ФИО директора' : 'ФИО'}
            rules={[{ required: true, whitespace: true, message: 'Введите ФИО' }]}
          >
            <Input maxLength={300} data-testid="user-form-fullname" />
          </Form.Item>
          {role && <TerritoryFields form={form} binding={ROLE_BINDING[role]} actor={actor} />}
          <Form.Item name="email" label="Электронная почта" rules={[{ type: 'email', message: 'Некорректный адрес почты' }]}>
            <Input maxLength={200} data-testid="user-form-email" />
          </Form.Item>
          <Form.Item name="phone" label="Телефон">
            <Input maxLength={50} data-testid="user-form-phone" />
          </Form.Item>
          <Form.Item
            name="login"
            label="Логин"
            extra="Можно оставить пустым — логин будет создан автоматически из роли и имени (для школы — из кода школы)."
          >
            <Input maxLength={60} autoComplete="off" data-testid="user-form-login" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

interface EditValues {
  fullName: string;
  email: string;
  phone: string;
}

export function EditUserModal({ user, onClose }: { user: UserItem | null; onClose: () => void }) {
  const [form] = Form.useForm<EditValues>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (user) {
      form.setFieldsValue({ fullName: user.fullName, email: user.email, phone: user.phone });
      setError(undefined);
    }
  }, [user, form]);

  const submit = async (values: EditValues) => {
    if (!user) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.patch(`/api/users/${user.id}`, {
        fullName: values.fullName,
        email: values.email?.trim() ?? '',
        phone: values.phone?.trim() ?? '',
      });
      await client.invalidateQueries({ queryKey: USERS_KEY });
      message.success('Изменения сохранены');
      onClose();
    } catch (e) {
      setError(applyApiError(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={user ? `Изменить: ${user.login}` : ''}
      okText="Сохранить"
      cancelText="Отмена"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      forceRender
      okButtonProps={{ 'data-testid': 'user-edit-submit' } as ButtonProps}
    >
      <div data-testid="user-edit-form">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="fullName" label="ФИО" rules={[{ required: true, whitespace: true, message: 'Введите ФИО' }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="email" label="Электронная почта" rules={[{ type: 'email', message: 'Некорректный адрес почты' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="phone" label="Телефон">
            <Input maxLength={50} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
