// «Импорт пользователей»: template, check of the file (errors by row and column), then creation of all accounts
// at once with their credentials downloaded as an Excel file.
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError, download } from '../../shared/api';
import { errorText } from '../../shared/forms';
import { uploadAndSave, USERS_KEY } from './api';

interface ImportIssue {
  row: number;
  column: string | null;
  header: string;
  message: string;
}

interface ImportReport {
  valid: boolean;
  total: number;
  errors: ImportIssue[];
  preview: { row: number; fullName: string; roleLabel: string; territory: string; login: string; curatorSchools: string[] }[];
}

/** Errors of a refused import (400 with fields "rows.<row>.<column>") in the same shape as the dry-run report. */
function issuesOf(error: ApiError): ImportIssue[] {
  return error.fields.map((f) => {
    const match = /^rows\.(\d+)(?:\.(\w+))?$/.exec(f.path);
    return { row: match ? Number(match[1]) : 0, column: match?.[2] ?? null, header: '', message: f.message };
  });
}

export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<'check' | 'import' | 'template' | null>(null);

  useEffect(() => {
    if (open) {
      setFile(null);
      setReport(null);
      setError(undefined);
    }
  }, [open]);

  const template = async () => {
    setBusy('template');
    try {
      await download('/api/users/import/template', undefined, 'users-import-template.xlsx');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const check = async () => {
    if (!file) return;
    setBusy('check');
    setError(undefined);
    setReport(null);
    try {
      const data = new FormData();
      data.append('file', file, file.name);
      setReport(await api.post<ImportReport>('/api/users/import?dryRun=true', data));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const run = async () => {
    if (!file) return;
    setBusy('import');
    setError(undefined);
    try {
      await uploadAndSave('/api/users/import', file, 'credentials.xlsx');
      await client.invalidateQueries({ queryKey: USERS_KEY });
      message.success(`Учётные записи созданы (${report?.preview.length ?? ''}), файл с реквизитами сохранён`);
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.fields.some((f) => f.path.startsWith('rows.'))) {
        setReport({ valid: false, total: report?.total ?? 0, errors: issuesOf(e), preview: [] });
        setError(e.message);
      } else {
        setError(errorText(e));
      }
    } finally {
      setBusy(null);
    }
  };

  return (
    <Modal
      open={open}
      title="Импорт пользователей"
      onCancel={onClose}
      width={860}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          Отмена
        </Button>,
        <Button key="check" onClick={check} disabled={!file} loading={busy === 'check'} data-testid="import-check">
          Проверить файл
        </Button>,
        <Button
          key="run"
          type="primary"
          onClick={run}
          disabled={!report?.valid || busy !== null}
          loading={busy === 'import'}
          data-testid="import-submit"
        >
          Создать учётные записи и скачать реквизиты
        </Button>,
      ]}
    >
      <div data-testid="import-modal">
        <Typography.Paragraph>
          Заполните шаблон: одна строка — одна учётная запись. Сначала проверьте файл: пока в нём есть ошибки, ничего не
          загружается. После загрузки вы получите файл с логинами и временными паролями.
        </Typography.Paragraph>
        <Space style={{ marginBottom: 16 }}>
          <Button icon={<DownloadOutlined />} onClick={template} loading={busy === 'template'} data-testid="import-template">
            Скачать шаблон
          </Button>
        </Space>
        <Upload.Dragger
          accept=".xlsx"
          maxCount={1}
          fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
          beforeUpload={(f) => {
            setFile(f);
            setReport(null);
            setError(undefined);
            return false;
          }}
          onRemove={() => {
            setFile(null);
            setReport(null);
          }}
          data-testid="import-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">Перетащите файл Excel (.xlsx) сюда или нажмите, чтобы выбрать</p>
        </Upload.Dragger>
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="import-error" />}
        {report && report.valid && (
          <>
            <Alert
              type="success"
              showIcon
              style={{ marginTop: 16 }}
              title={`Ошибок нет. Будет создано учётных записей: ${report.preview.length}`}
              data-testid="import-valid"
            />
            <Table
              style={{ marginTop: 12 }}
              size="small"
              rowKey="row"
              pagination={report.preview.length > 10 ? { pageSize: 10 } : false}
              dataSource={report.preview}
              columns={[
                { title: 'Строка', dataIndex: 'row', width: 80 },
                { title: 'ФИО', dataIndex: 'fullName' },
                { title: 'Роль', dataIndex: 'roleLabel' },
                { title: 'Территория', dataIndex: 'territory' },
                { title: 'Логин', dataIndex: 'login' },
                { title: 'Школы куратора', dataIndex: 'curatorSchools', render: (codes: string[]) => codes.join(', ') },
              ]}
            />
          </>
        )}
        {report && !report.valid && (
          <>
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 16 }}
              title={`В файле ошибки: ${report.errors.length}. Исправьте их и проверьте файл снова — пока ничего не загружено.`}
            />
            <Table
              style={{ marginTop: 12 }}
              size="small"
              rowKey={(_, i) => String(i)}
              pagination={report.errors.length > 10 ? { pageSize: 10 } : false}
              dataSource={report.errors}
              data-testid="import-errors"
              columns={[
                { title: 'Строка', dataIndex: 'row', width: 80 },
                { title: 'Столбец', dataIndex: 'header', width: 160, render: (h: string) => h || '—' },
                { title: 'Ошибка', dataIndex: 'message' },
              ]}
            />
          </>
        )}
      </div>
    </Modal>
  );
}
