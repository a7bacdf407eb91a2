// Shows a one-time password once, right after it was generated, with a copy button and a clear warning.
import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Modal, Typography } from 'antd';
import { copyText } from './api';

export interface OneTimePassword {
  login: string;
  password: string;
  fullName?: string;
  title?: string;
}

export function PasswordModal({ value, onClose }: { value: OneTimePassword | null; onClose: () => void }) {
  const { message } = App.useApp();
  const copy = async () => {
    if (!value) return;
    const text = `Адрес: ${window.location.origin}/\nЛогин: ${value.login}\nВременный пароль: ${value.password}`;
    if (await copyText(text)) message.success('Логин и пароль скопированы');
    else message.warning('Не удалось скопировать: выделите пароль и скопируйте вручную');
  };
  return (
    <Modal
      open={value !== null}
      title={value?.title ?? 'Временный пароль'}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={[
        <Button key="copy" icon={<CopyOutlined />} onClick={copy} data-testid="one-time-password-copy">
          Скопировать логин и пароль
        </Button>,
        <Button key="ok" type="primary" onClick={onClose} data-testid="one-time-password-close">
          Я сохранил(а) пароль
        </Button>,
      ]}
      data-testid="one-time-password"
    >
      {value && (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="Пароль показывается только один раз"
            description="Запишите его или передайте пользователю сейчас: после закрытия окна посмотреть пароль будет нельзя, только выдать новый. При первом входе система попросит придумать свой пароль."
          />
          <Descriptions column={1} bordered size="small">
            {value.fullName && <Descriptions.Item label="Пользователь">{value.fullName}</Descriptions.Item>}
            <Descriptions.Item label="Логин">
              <Typography.Text code copyable data-testid="one-time-password-login">
                {value.login}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="Временный пароль">
              <Typography.Text
                code
                copyable
                style={{ fontSize: 20, letterSpacing: 1 }}
                data-testid="one-time-password-value"
              >
                {value.password}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="Адрес для входа">{window.location.origin}/</Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Modal>
  );
}
