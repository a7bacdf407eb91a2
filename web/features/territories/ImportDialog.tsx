// «Импорт из файла»: templates, upload, a check with errors by row and column, then the import itself.
import { FileExcelOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { ImportCounts, ImportError, ImportReport } from '../../../domain/territories/import';
import { api, download } from '../../shared/api';
import { errorText } from '../../shared/forms';
import { refreshTerritories } from './api';

function counts(c: ImportCounts): string {
  const parts = [
    c.regions ? `регионов — ${c.regions}` : '',
    c.municipalities ? `муниципалитетов — ${c.municipalities}` : '',
    c.schools ? `школ — ${c.schools}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'ничего';
}

async function send(file: File, mode: 'all' | 'valid', dryRun: boolean): Promise<ImportReport> {
  const form = new FormData();
  form.append('mode', mode);
  form.append('dryRun', String(dryRun));
  form.append('file', file, file.name);
  return api.post<ImportReport>('/api/territories/import', form);
}

export function ImportButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="import-button">
        Импорт из файла
      </Button>
      {open && <ImportDialog onClose={() => setOpen(false)} />}
    </>
  );
}

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [file, setFile] = useState<File>();
  const [report, setReport] = useState<ImportReport>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<'check' | 'all' | 'valid'>();

  const check = async (picked: File) => {
    setFile(picked);
    setReport(undefined);
    setError(undefined);
    setBusy('check');
    try {
      setReport(await send(picked, 'all', true));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(undefined);
    }
  };

  const apply = async (mode: 'all' | 'valid') => {
    if (!file) return;
    setBusy(mode);
    setError(undefined);
    try {
      const result = await send(file, mode, false);
      setReport(result);
      if (result.applied) {
        message.success('Импорт выполнен');
        await refreshTerritories(client);
      }
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(undefined);
    }
  };

  const template = async (format: 'xlsx' | 'csv') => {
    try {
      await download(`/api/territories/import/template?format=${format}`, undefined, `template.${format}`);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const hasErrors = (report?.errorCount ?? 0) > 0;
  const done = report?.applied === true;

  return (
    <Modal
      open
      width={860}
      title="Импорт территорий и школ из файла"
      onCancel={onClose}
      destroyOnHidden
      footer={
        done ? (
          <Button type="primary" onClick={onClose}>
            Закрыть
          </Button>
        ) : (
          <Space wrap>
            <Button onClick={onClose}>Отмена</Button>
            {hasErrors && (report?.validRows ?? 0) > 0 && (
              <Button loading={busy === 'valid'} disabled={!!busy} onClick={() => apply('valid')} data-testid="import-valid">
                Импортировать только корректные строки ({report?.validRows})
              </Button>
            )}
            <Button
              type="primary"
              loading={busy === 'all'}
              disabled={!report || hasErrors || !!busy}
              onClick={() => apply('all')}
              data-testid="import-all"
            >
              Импортировать
            </Button>
          </Space>
        )
      }
    >
      <div data-testid="import-dialog">
      <Typography.Paragraph>
        1. Скачайте шаблон, заполните его (одна строка — одна школа; регион и муниципалитет указываются в каждой строке):{' '}
        <Button type="link" icon={<FileExcelOutlined />} onClick={() => template('xlsx')} data-testid="template-xlsx">
          шаблон Excel (.xlsx)
        </Button>
        <Button type="link" onClick={() => template('csv')} data-testid="template-csv">
          шаблон CSV
        </Button>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        Школы с уже известным кодом будут обновлены, новые — добавлены. Если какой-то колонки в файле нет, эти сведения останутся прежними.
      </Typography.Paragraph>
      <Typography.Paragraph>2. Загрузите заполненный файл — мы сначала проверим его и покажем ошибки, ничего не меняя.</Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,.csv"
        maxCount={1}
        multiple={false}
        showUploadList={false}
        disabled={!!busy}
        beforeUpload={(picked) => {
          void check(picked);
          return false;
        }}
        data-testid="import-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{file ? `Файл: ${file.name} (выбрать другой)` : 'Перетащите файл сюда или нажмите, чтобы выбрать'}</p>
        <p className="ant-upload-hint">Excel (.xlsx) или CSV (разделитель «;» или «,»)</p>
      </Upload.Dragger>

      {busy === 'check' && <Alert style={{ marginTop: 16 }} type="info" showIcon title="Проверяем файл…" />}
      {error && <Alert style={{ marginTop: 16 }} type="error" showIcon title={error} data-testid="import-error" />}
      {report && <ReportView report={report} />}
      </div>
    </Modal>
  );
}

function ReportView({ report }: { report: ImportReport }) {
  const summary = `Строк с данными: ${report.totalRows}, без ошибок: ${report.validRows}, ошибок: ${report.errorCount}.`;
  return (
    <div style={{ marginTop: 16 }} data-testid="import-report">
      {report.applied ? (
        <Alert
          type="success"
          showIcon
          title="Импорт выполнен"
          description={`Создано: ${counts(report.created)}. Обновлено: ${counts(report.updated)}.`}
        />
      ) : (
        <Alert
          type={report.errorCount ? 'warning' : 'success'}
          showIcon
          title={report.errorCount ? 'В файле есть ошибки' : 'Файл проверен, ошибок нет'}
          description={
            <>
              {summary}
              <br />
              Корректные строки создадут: {counts(report.created)}; обновят: {counts(report.updated)}.
              {report.errorCount > 0 && (
                <>
                  <br />
                  Исправьте ошибки в файле и загрузите его снова — или импортируйте только корректные строки.
                </>
              )}
            </>
          }
        />
      )}
      {report.ignoredColumns.length > 0 && (
        <Alert
          style={{ marginTop: 8 }}
          type="info"
          showIcon
          title={`Эти колонки не распознаны и пропущены: ${report.ignoredColumns.join(', ')}`}
        />
      )}
      {report.errors.length > 0 && (
        <Table<ImportError>
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(e) => `${e.row}|${e.column}|${e.message}`}
          dataSource={report.errors}
          pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
          data-testid="import-errors"
          columns={[
            { title: 'Строка', dataIndex: 'row', width: 80 },
            { title: 'Колонка', dataIndex: 'column', width: 220 },
            { title: 'Что не так', dataIndex: 'message' },
          ]}
          footer={
            report.errorCount > report.errors.length
              ? () => `Показаны первые ${report.errors.length} ошибок из ${report.errorCount}`
              : undefined
          }
        />
      )}
    </div>
  );
}
