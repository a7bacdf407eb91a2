// Loading, error and empty states shown the same way on every page.
import { Alert, Button, Empty, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from './api';

interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
}

export function QueryState<T>({
  query,
  empty,
  isEmpty,
  children,
}: {
  query: QueryLike<T>;
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }} data-testid="loading">
        <Spin tip="Загрузка…" size="large">
          <div style={{ height: 40 }} />
        </Spin>
      </div>
    );
  }
  if (query.isError) {
    const error = query.error;
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
      return <Result status={error.status === 404 ? '404' : '403'} title={error.message} />;
    }
    return (
      <Alert
        type="error"
        showIcon
        message="Не удалось загрузить данные"
        description={error instanceof Error ? error.message : undefined}
        action={<Button onClick={() => query.refetch()}>Повторить</Button>}
      />
    );
  }
  const data = query.data as T;
  if (isEmpty?.(data)) return <>{empty ?? <Empty description="Пока ничего нет" />}</>;
  return <>{children(data)}</>;
}
