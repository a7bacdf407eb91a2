// Editable table of roadmap items (import preview and edit mode): every cell is edited in place,
// remarks are shown in the cell they are about, rows can be added, removed and moved.
import { ArrowDownOutlined, ArrowUpOutlined, CloseOutlined, DeleteOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { memo, useMemo, useState, type Dispatch, type HTMLAttributes } from 'react';
import { ruDate } from './api';
import {
  rowRemarks,
  duplicateNumbers,
  timingView,
  type EditAction,
  type EditField,
  type EditRow,
} from './editor-model';

const PLACEHOLDERS: Record<EditField, string> = {
  number: '№',
  title: 'Что нужно сделать',
  timingText: 'Например: «март–май 2022», «до 30.03.2022», «ежемесячно»',
  responsibleText: 'Кто отвечает',
  indicator: 'По чему видно, что сделано',
  infoSupport: 'Где об этом сообщается',
};

const FLAG_STYLE = { background: '#fff1f0', border: '1px solid #ffa39e', borderRadius: 6, padding: 4 } as const;
const HINT_STYLE = { background: '#fffbe6', border: '1px solid #ffe58f', borderRadius: 6, padding: 4 } as const;

/** Red remarks (kept as flags by the server) and amber hints of the parser (dismissible with ×). */
function Remarks({ errors, hints, onDismiss }: { errors: string[]; hints: string[]; onDismiss: (text: string) => void }) {
  if (errors.length === 0 && hints.length === 0) return null;
  return (
    <div style={{ marginTop: 2 }}>
      {errors.map((text) => (
        <div key={`e-${text}`} style={{ fontSize: 12, lineHeight: '16px', color: '#cf1322' }} data-testid="flag-text">
          {text}
        </div>
      ))}
      {hints.map((text) => (
        <div key={`h-${text}`} style={{ fontSize: 12, lineHeight: '16px', color: '#ad6800', display: 'flex', gap: 4, alignItems: 'flex-start' }}>
          <span data-testid="hint-text">{text}</span>
          <Tooltip title="Понятно, убрать замечание">
            <Button
              type="text"
              size="small"
              icon={<CloseOutlined style={{ fontSize: 10 }} />}
              style={{ height: 16, width: 16, minWidth: 16 }}
              onClick={() => onDismiss(text)}
              aria-label="Убрать замечание"
              data-testid="dismiss-hint"
            />
          </Tooltip>
        </div>
      ))}
    </div>
  );
}

const split = (joined: string) => (joined ? joined.split('\n') : []);

interface CellProps {
  rowKey: string;
  field: EditField;
  value: string;
  /** Remarks joined with line breaks (strings, so that unchanged cells skip re-rendering). */
  errors: string;
  hints: string;
  /** Parser notes about the row as a whole (shown under the title). */
  rowHints?: string;
  defaultYear: number | null;
  dispatch: Dispatch<EditAction>;
  onFocusRow?: (key: string) => void;
}

const Cell = memo(function Cell({ rowKey, field, value, errors: e, hints: h, rowHints: rh, defaultYear, dispatch, onFocusRow }: CellProps) {
  const errors = useMemo(() => split(e), [e]);
  const hints = useMemo(() => split(h), [h]);
  const rowHints = useMemo(() => split(rh ?? ''), [rh]);
  const flagged = errors.length > 0;
  const view = useMemo(() => (field === 'timingText' ? timingView(value, defaultYear) : null), [field, value, defaultYear]);
  const dismiss = (text: string) => dispatch({ type: 'dismiss', key: rowKey, text });
  return (
    <>
      <div
        data-testid={`cell-${field}`}
        data-flagged={flagged ? 'true' : 'false'}
        data-hint={hints.length ? 'true' : 'false'}
        style={flagged ? FLAG_STYLE : hints.length ? HINT_STYLE : { padding: 5 }}
      >
        {field === 'number' ? (
          <Input
            size="small"
            value={value}
            placeholder={PLACEHOLDERS.number}
            onChange={(ev) => dispatch({ type: 'set', key: rowKey, field, value: ev.target.value })}
            onFocus={() => onFocusRow?.(rowKey)}
            status={flagged ? 'error' : undefined}
            aria-label="Номер"
          />
        ) : (
          <Input.TextArea
            size="small"
            value={value}
            autoSize={{ minRows: 1, maxRows: 8 }}
            placeholder={PLACEHOLDERS[field]}
            onChange={(ev) => dispatch({ type: 'set', key: rowKey, field, value: ev.target.value })}
            onFocus={() => onFocusRow?.(rowKey)}
            status={flagged ? 'error' : undefined}
            aria-label={PLACEHOLDERS[field]}
          />
        )}
        {view && value.trim() !== '' && view.formatted && (
          <div style={{ fontSize: 12, color: flagged ? '#8c8c8c' : '#389e0d', marginTop: 2 }} data-testid="timing-parsed">
            → {view.formatted}
            {view.due && <span style={{ color: '#8c8c8c' }}> · срок: {ruDate(view.due)}</span>}
          </div>
        )}
        <Remarks errors={errors} hints={hints} onDismiss={dismiss} />
        {flagged && <span data-testid="flagged-cell" hidden />}
      </div>
      {rowHints.length > 0 && (
        <div style={{ ...HINT_STYLE, marginTop: 4 }} data-testid="row-hints">
          <Remarks errors={[]} hints={rowHints} onDismiss={dismiss} />
        </div>
      )}
    </>
  );
});

export function ItemsEditor({
  rows,
  dispatch,
  defaultYear,
  onFocusRow,
  height,
}: {
  rows: EditRow[];
  dispatch: Dispatch<EditAction>;
  defaultYear: number | null;
  onFocusRow?: (key: string) => void;
  /** Scroll height of the table body (e.g. side by side with the source text). */
  height?: number | string;
}) {
  const [removed, setRemoved] = useState<{ row: EditRow; index: number }>();
  const dup = useMemo(() => duplicateNumbers(rows), [rows]);

  const remove = (row: EditRow) => {
    setRemoved({ row, index: rows.findIndex((r) => r.key === row.key) });
    dispatch({ type: 'remove', key: row.key });
  };

  const cell = (field: EditField) => (_: unknown, row: EditRow) => {
    const { errors, hints } = rowRemarks(row, defaultYear, dup);
    return (
      <Cell
        rowKey={row.key}
        field={field}
        value={row[field]}
        errors={errors[field].join('\n')}
        hints={hints[field].join('\n')}
        rowHints={field === 'title' ? hints.row.join('\n') : undefined}
        defaultYear={defaultYear}
        dispatch={dispatch}
        onFocusRow={onFocusRow}
      />
    );
  };

  const columns: ColumnsType<EditRow> = [
    {
      title: '№',
      key: 'number',
      width: 86,
      render: (_, row, index) => (
        <>
          {cell('number')(_, row)}
          <Typography.Text type="secondary" style={{ fontSize: 11 }}>
            строка {index + 1}
          </Typography.Text>
        </>
      ),
    },
    { title: 'Мероприятие', key: 'title', width: 300, render: cell('title') },
    { title: 'Сроки', key: 'timingText', width: 230, render: cell('timingText') },
    { title: 'Ответственные', key: 'responsibleText', width: 200, render: cell('responsibleText') },
    { title: 'Показатель реализации', key: 'indicator', width: 240, render: cell('indicator') },
    { title: 'Инф. сопровождение', key: 'infoSupport', width: 200, render: cell('infoSupport') },
    {
      key: 'actions',
      width: 60,
      fixed: 'right',
      render: (_, row, index) => (
        <Space orientation="vertical" size={0}>
          <Tooltip title="Выше" placement="left">
            <Button
              type="text"
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={index === 0}
              onClick={() => dispatch({ type: 'move', key: row.key, by: -1 })}
              aria-label="Переместить выше"
            />
          </Tooltip>
          <Tooltip title="Ниже" placement="left">
            <Button
              type="text"
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={index === rows.length - 1}
              onClick={() => dispatch({ type: 'move', key: row.key, by: 1 })}
              aria-label="Переместить ниже"
            />
          </Tooltip>
          <Tooltip title="Добавить строку ниже" placement="left">
            <Button
              type="text"
              size="small"
              icon={<PlusOutlined />}
              onClick={() => dispatch({ type: 'insert', after: row.key })}
              aria-label="Добавить строку ниже"
              data-testid="row-insert"
            />
          </Tooltip>
          <Tooltip title="Удалить строку" placement="left">
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              onClick={() => remove(row)}
              aria-label="Удалить строку"
              data-testid="row-remove"
            />
          </Tooltip>
        </Space>
      ),
    },
  ];

  return (
    <div>
      {removed && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title={`Строка «${removed.row.number ? removed.row.number + ' ' : ''}${removed.row.title.slice(0, 60) || 'без названия'}» удалена`}
          action={
            <Button
              size="small"
              icon={<UndoOutlined />}
              onClick={() => {
                dispatch({ type: 'restore', row: removed.row, index: removed.index });
                setRemoved(undefined);
              }}
              data-testid="undo-remove"
            >
              Вернуть
            </Button>
          }
          closable={{ onClose: () => setRemoved(undefined) }}
        />
      )}
      <Table<EditRow>
        rowKey="key"
        size="small"
        bordered
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1320, y: height }}
        onRow={(row) => ({ 'data-testid': 'editor-row', 'data-row': row.key }) as HTMLAttributes<HTMLElement>}
        data-testid="items-editor"
        locale={{ emptyText: 'Мероприятий пока нет — добавьте первое' }}
      />
      <Button
        icon={<PlusOutlined />}
        style={{ marginTop: 8 }}
        onClick={() => dispatch({ type: 'insert', after: rows[rows.length - 1]?.key ?? null })}
        data-testid="add-row"
      >
        Добавить мероприятие
      </Button>
    </div>
  );
}
