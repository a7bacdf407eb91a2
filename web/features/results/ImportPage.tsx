// «Загрузка результатов»: the template, upload of an XLSX file, the row errors; all or nothing, or only valid rows.
import { FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { download } from '../../shared/api';
import { errorText } from '../../shared/forms';
import { importResults, type ImportResult } from './api';

export function ImportPage() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [file, setFile] = useState<File>();
  const [report, setReport] = useState<ImportResult>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const send = async (picked: File, mode: 'all' | 'valid-only') => {
    setFile(picked);
    setError(undefined);
    setBusy(true);
    try {
      const result = await importResults(picked, mode);
      setReport(result);
      if (result.applied) {
        message.success(`Загружено: добавлено ${result.created}, обновлено ${result.updated}`);
        await client.invalidateQueries({ queryKey: ['results-dynamics'] });
      }
    } catch (e) {
      setReport(undefined);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const template = async () => {
    try {
      await download('/api/results/template', undefined, 'results-template.xlsx');
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <Card title="Загрузка результатов оценочных процедур (ВПР, ОГЭ, ЕГЭ)" data-testid="results-import">
      <Typography.Paragraph>
        1. Скачайте шаблон и заполните его: одна строка — одно значение показателя школы за год.{' '}
        <Button type="link" icon={<FileExcelOutlined />} onClick={template} data-testid="results-template">
          шаблон Excel (.xlsx)
        </Button>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        Показатель: «средний балл», «доля справившихся» или «доля «2»» (доли — в процентах). Класс: для ВПР — с 4 по 11, для ОГЭ — 9, для ЕГЭ — 11.
        Уже загруженное значение за тот же год, школу, процедуру, предмет, класс и показатель будет заменено.
      </Typography.Paragraph>
      <Typography.Paragraph>2. Загрузите файл. Если в нём есть ошибки, ничего не сохранится — мы покажем строки с ошибками.</Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,.csv"
        maxCount={1}
        multiple={false}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(picked) => {
          void send(picked, 'all');
          return false;
        }}
        data-testid="results-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{file ? file.name : 'Перетащите файл сюда или нажмите, чтобы выбрать'}</p>
      </Upload.Dragger>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 16 }} />}
      {report && (
        <div style={{ marginTop: 16 }} data-testid="results-report">
          {report.applied ? (
            <Alert
              type={report.errorCount ? 'warning' : 'success'}
              showIcon
              message={`Сохранено строк: ${report.validRows} (добавлено ${report.created}, обновлено ${report.updated})${report.errorCount ? `; пропущено строк с ошибками: ${report.errorCount}` : ''}`}
            />
          ) : (
            <Alert
              type="error"
              showIcon
              message={report.totalRows ? `Ошибок: ${report.errorCount}. Ничего не сохранено.` : 'В файле нет данных.'}
              action={
                file && report.validRows > 0 ? (
                  <Button size="small" loading={busy} onClick={() => send(file, 'valid-only')} data-testid="results-valid-only">
                    Сохранить только корректные строки ({report.validRows})
                  </Button>
                ) : undefined
              }
            />
          )}
          {report.errors.length > 0 && (
            <Table
              style={{ marginTop: 12 }}
              size="small"
              rowKey={(e) => `${e.row}:${e.column}:${e.message}`}
              dataSource={report.errors}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: 'Строка', dataIndex: 'row', width: 90 },
                { title: 'Столбец', dataIndex: 'column', width: 240 },
                { title: 'Ошибка', dataIndex: 'message' },
              ]}
              data-testid="results-errors"
            />
          )}
          {report.errorCount > report.errors.length && (
            <Typography.Text type="secondary">Показаны первые {report.errors.length} ошибок из {report.errorCount}.</Typography.Text>
          )}
        </div>
      )}
      <Space style={{ marginTop: 16 }} />
    </Card>
  );
}
