// Create/edit dialog for a region or a municipality: code and name.
import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { applyApiError } from '../../shared/forms';

export interface CodeName {
  code: string;
  name: string;
}

export function CodeNameModal({
  open,
  title,
  nameLabel,
  codeHint,
  initial,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  nameLabel: string;
  codeHint?: string;
  initial?: CodeName;
  onSubmit: (values: CodeName) => Promise<unknown>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<CodeName>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  // Fill the form each time the dialog opens (not on every re-render while typing).
  const initialRef = useRef(initial);
  initialRef.current = initial;
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(initialRef.current ?? { code: '', name: '' });
      setError(undefined);
    }
  }, [open, form]);

  const submit = async (values: CodeName) => {
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(values);
      onClose();
    } catch (e) {
      setError(applyApiError(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText="Сохранить"
      cancelText="Отмена"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="code-name-form">
        <Form.Item name="code" label="Код" extra={codeHint} rules={[{ required: true, whitespace: true, message: 'Введите код' }]}>
          <Input maxLength={50} autoFocus />
        </Form.Item>
        <Form.Item name="name" label={nameLabel} rules={[{ required: true, whitespace: true, message: 'Введите название' }]}>
          <Input maxLength={300} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
