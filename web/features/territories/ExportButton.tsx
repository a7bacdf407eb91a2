// «Выгрузить»: the territories in the user's scope as XLSX or CSV (same columns as the import template).
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import { useState } from 'react';
import { download } from '../../shared/api';
import { errorText } from '../../shared/forms';

export function ExportButton() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (format: 'xlsx' | 'csv') => {
    setBusy(true);
    try {
      await download(`/api/territories/export?format=${format}`, undefined, `territories.${format}`);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown
      menu={{
        items: [
          { key: 'xlsx', label: 'Файл Excel (.xlsx)' },
          { key: 'csv', label: 'Файл CSV (для других программ)' },
        ],
        onClick: ({ key }) => run(key as 'xlsx' | 'csv'),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy} data-testid="export-button">
        Выгрузить
      </Button>
    </Dropdown>
  );
}
