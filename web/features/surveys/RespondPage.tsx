// Public respondent pages (no account): /s — type a code by hand; /s/:code — answer the questionnaire.
// The respondent's token is kept in localStorage per code; partial answers are saved as a draft
// (debounced, and at once on a page change) and restored after a reload.
import 'survey-core/survey-core.min.css';
import 'survey-core/i18n/russian';
import { CheckCircleFilled, CloudOutlined, ExclamationCircleOutlined, LoadingOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Result, Spin, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router-dom';
import { Model, type QuestionRatingModel } from 'survey-core';
import { Survey } from 'survey-react-ui';
import { normalizeRespondentCode } from '../../../domain/surveys/campaign';
import { ApiError, type FieldIssue } from '../../shared/api';
import type { CampaignStatus, InstrumentCode } from './api';

type Answers = Record<string, unknown>;

export interface RespondData {
  campaign: { title: string; status: CampaignStatus; closesOn: string };
  school: string | null;
  instrument: { code: InstrumentCode; title: string; version: number; definition: unknown };
  draft: { answers: Answers; updatedAt: string } | null;
  submitted: boolean;
}

// ---- respondent storage (localStorage may be unavailable: private mode, full disk) ----

export const tokenKey = (code: string) => `medk-respondent-${code}`;
const pageKey = (code: string) => `medk-respondent-${code}-page`;

function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}
function writeStored(key: string, value: string | null) {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    /* the draft then lives only on this page */
  }
}

// ---- HTTP (own fetch: the respondent header, no session and no CSRF) ----

async function respondRequest<T>(method: 'GET' | 'PUT', code: string, body?: unknown, keepalive = false): Promise<T> {
  const token = readStored(tokenKey(code));
  let res: Response;
  try {
    res = await fetch(`/api/respond/${encodeURIComponent(code)}`, {
      method,
      credentials: 'omit',
      keepalive,
      headers: {
        ...(token ? { 'x-respondent-token': token } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Нет связи с сервером. Проверьте подключение к интернету.');
  }
  if (!res.ok) {
    let payload: { error?: { code?: string; message?: string; fields?: FieldIssue[] } } = {};
    try {
      payload = await res.json();
    } catch {
      /* not JSON */
    }
    const message =
      payload.error?.message ??
      (res.status === 404
        ? 'Код не найден. Проверьте, правильно ли он введён.'
        : res.status >= 500
          ? 'Ошибка сервера. Попробуйте ещё раз.'
          : `Ошибка запроса (${res.status})`);
    throw new ApiError(res.status, payload.error?.code ?? 'http_error', message, payload.error?.fields ?? []);
  }
  return (await res.json()) as T;
}

interface SaveResult {
  token: string;
  status: 'draft' | 'submitted';
}

/** Saves one after another, so the first save's token is used by the next (one response per respondent). */
function createSaver(code: string) {
  let chain: Promise<unknown> = Promise.resolve();
  return (answers: Answers, complete: boolean, keepalive = false): Promise<SaveResult> => {
    const run = chain.then(async () => {
      const result = await respondRequest<SaveResult>('PUT', code, { answers, complete }, keepalive);
      if (result?.token) writeStored(tokenKey(code), result.token);
      return result;
    });
    chain = run.catch(() => undefined);
    return run;
  };
}

/** The SurveyJS JSON of an instrument: the contract sends the definition, which may wrap it as `{ survey }`. */
function surveyJson(definition: unknown): object {
  if (definition && typeof definition === 'object' && 'survey' in definition) {
    const survey = (definition as { survey: unknown }).survey;
    if (survey && typeof survey === 'object') return survey;
  }
  return (definition ?? {}) as object;
}

// ---- pages ----

export function RespondPages() {
  return (
    <Routes>
      <Route path=":code" element={<RespondPage />} />
      <Route path="*" element={<CodeEntryPage />} />
    </Routes>
  );
}

// SurveyJS asks for «Open Sans», which is not shipped: use the system font, as the rest of MEDK does.
const SURVEY_CSS = `
body { margin: 0; }
.medk-wrap-button { white-space: normal !important; height: auto !important; min-height: 48px; padding-block: 8px !important; max-width: 100%; }
.medk-survey .sd-root-modern, .medk-survey .sd-root-modern *, .sv-popup, .sv-popup * {
  font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif !important;
}
.medk-survey .sd-root-modern { background: transparent; }
`;

function Frame({ children, title }: { children: ReactNode; title?: ReactNode }) {
  return (
    <div style={{ minHeight: '100vh', background: '#f3f5f8', overflowX: 'hidden' }} data-testid="respond-frame">
      <style>{SURVEY_CSS}</style>
      <header style={{ background: '#1f5fa8', color: '#fff', padding: '12px 16px' }}>
        <div style={{ maxWidth: 860, margin: '0 auto' }}>
          <div style={{ fontWeight: 600, fontSize: 16 }}>Анкетирование · проект «500+»</div>
          {title && <div style={{ fontSize: 14, opacity: 0.9, marginTop: 2, overflowWrap: 'anywhere' }}>{title}</div>}
        </div>
      </header>
      <main style={{ maxWidth: 860, margin: '0 auto', padding: '12px 8px 32px' }}>{children}</main>
    </div>
  );
}

function Panel({ children }: { children: ReactNode }) {
  return <div style={{ background: '#fff', borderRadius: 8, padding: '16px 12px', boxShadow: '0 1px 2px rgba(0,0,0,0.06)' }}>{children}</div>;
}

function CodeForm({ initial = '' }: { initial?: string }) {
  const navigate = useNavigate();
  const [form] = Form.useForm<{ code: string }>();
  const submit = ({ code }: { code: string }) => {
    const normal = normalizeRespondentCode(code ?? '');
    if (!normal) {
      form.setFields([{ name: 'code', errors: ['Код — 9 латинских букв и цифр, например K7M-Q2P-X9T'] }]);
      return;
    }
    navigate(`/s/${normal}`);
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ code: initial }} requiredMark={false}>
      <Form.Item name="code" label="Код анкеты" rules={[{ required: true, message: 'Введите код с листовки' }]}>
        <Input
          size="large"
          placeholder="Например, K7M-Q2P-X9T"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          style={{ fontFamily: 'monospace', letterSpacing: 2, fontSize: 20 }}
          data-testid="respond-code-input"
        />
      </Form.Item>
      <Button type="primary" size="large" htmlType="submit" block data-testid="respond-code-submit">
        Открыть анкету
      </Button>
    </Form>
  );
}

function CodeEntryPage() {
  return (
    <Frame>
      <Panel>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          Введите код анкеты
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          Код напечатан на листовке, которую выдала школа (9 букв и цифр). Регистрироваться не нужно, анкета анонимная.
        </Typography.Paragraph>
        <CodeForm />
      </Panel>
    </Frame>
  );
}

function RespondPage() {
  const raw = useParams().code ?? '';
  const navigate = useNavigate();
  const normal = normalizeRespondentCode(raw);
  const code = normal ?? raw;
  useEffect(() => {
    if (normal && normal !== raw) navigate(`/s/${normal}`, { replace: true });
  }, [normal, raw, navigate]);
  // The token changes the answer (draft, submitted), so it is part of the key.
  const [tokenVersion, setTokenVersion] = useState(0);
  const query = useQuery({
    queryKey: ['respond', code, tokenVersion],
    queryFn: () => respondRequest<RespondData>('GET', code),
    staleTime: Infinity,
    gcTime: 0,
    retry: (count, error) => error instanceof ApiError && (error.status === 0 || error.status >= 500) && count < 2,
  });
  const client = useQueryClient();
  const reload = useCallback(() => client.invalidateQueries({ queryKey: ['respond', code] }), [client, code]);
  const startOver = () => {
    writeStored(tokenKey(code), null);
    writeStored(pageKey(code), null);
    setTokenVersion((v) => v + 1);
  };

  if (query.isPending) {
    return (
      <Frame>
        <div style={{ padding: 48, textAlign: 'center' }} data-testid="loading">
          <Spin size="large" />
          <div style={{ marginTop: 12 }}>Загружаем анкету…</div>
        </div>
      </Frame>
    );
  }
  if (query.isError) {
    const error = query.error;
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
      return (
        <Frame>
          <Panel>
            <Result
              status="warning"
              title="Анкета с таким кодом не найдена"
              subTitle={`${error.message.replace(/[.\s]*$/, '')}. Ниже можно ввести код ещё раз.`}
              style={{ padding: '16px 0' }}
              data-testid="respond-not-found"
            />
            <CodeForm initial={code} />
          </Panel>
        </Frame>
      );
    }
    return (
      <Frame>
        <Panel>
          <Result
            status="error"
            title="Не удалось открыть анкету"
            subTitle={errorMessage(error)}
            extra={
              <Button type="primary" size="large" icon={<ReloadOutlined />} onClick={() => query.refetch()} data-testid="respond-retry">
                Попробовать ещё раз
              </Button>
            }
            style={{ padding: '16px 0' }}
            data-testid="respond-error"
          />
        </Panel>
      </Frame>
    );
  }

  const data = query.data;
  const title = (
    <>
      {data.instrument.title}
      {data.school ? ` · ${data.school}` : ''}
    </>
  );
  if (data.submitted) {
    return (
      <Frame title={title}>
        <Panel>
          <Result
            status="success"
            title="Вы уже заполнили эту анкету. Спасибо!"
            subTitle="Ответы отправлены и изменить их нельзя."
            extra={
              <Button size="large" className="medk-wrap-button" onClick={startOver} data-testid="respond-again">
                Заполнить анкету заново (другой участник)
              </Button>
            }
            style={{ padding: '16px 0' }}
            data-testid="respond-already-submitted"
          />
        </Panel>
      </Frame>
    );
  }
  if (data.campaign.status !== 'open') {
    return (
      <Frame title={title}>
        <Panel>
          <Result
            status="info"
            title={data.campaign.status === 'scheduled' ? 'Анкетирование ещё не началось' : 'Анкетирование завершено'}
            subTitle={
              data.campaign.status === 'scheduled'
                ? 'Откройте эту ссылку ещё раз в дни анкетирования — их сообщит школа.'
                : 'Приём ответов закрыт. Спасибо за готовность участвовать!'
            }
            style={{ padding: '16px 0' }}
            data-testid={`respond-${data.campaign.status}`}
          />
        </Panel>
      </Frame>
    );
  }
  return (
    <Frame title={title}>
      <SurveyRunner key={`${code}-${tokenVersion}`} code={code} data={data} onStale={reload} onStartOver={startOver} />
    </Frame>
  );
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'Что-то пошло не так. Попробуйте ещё раз.';
}

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'failed'; message: string };
type Phase = { kind: 'answering' } | { kind: 'submitting' } | { kind: 'done' } | { kind: 'failed'; message: string };

const SAVE_DELAY_MS = 800;

function SurveyRunner({ code, data, onStale, onStartOver }: { code: string; data: RespondData; onStale: () => void; onStartOver: () => void }) {
  const [saveState, setSaveState] = useState<SaveState>(data.draft ? { kind: 'saved', at: new Date(data.draft.updatedAt) } : { kind: 'idle' });
  const [phase, setPhase] = useState<Phase>({ kind: 'answering' });
  const [submitError, setSubmitError] = useState<string>();
  const save = useRef(createSaver(code)).current;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const dirty = useRef(false);
  const retrySubmit = useRef<() => Promise<void>>(async () => {});

  const [model] = useState(() => {
    const m = new Model(surveyJson(data.instrument.definition));
    m.locale = 'ru';
    m.showCompletePage = false;
    m.progressBarType = 'questions'; // «Отвечено на N из M вопросов»: fits a phone, unlike page steps
    for (const q of m.getAllQuestions()) {
      // on a narrow screen a rating becomes a dropdown; the default hint is too long for it
      if (q.getType() === 'rating') (q as QuestionRatingModel).placeholder = 'Выберите оценку';
    }
    if (data.draft?.answers) m.data = data.draft.answers;
    const page = Number(readStored(pageKey(code)));
    if (data.draft && Number.isInteger(page) && page > 0 && page < m.visiblePageCount) m.currentPageNo = page;
    return m;
  });

  const flush = useCallback(
    async (keepalive = false) => {
      clearTimeout(timer.current);
      timer.current = undefined;
      if (!dirty.current) return;
      dirty.current = false;
      setSaveState({ kind: 'saving' });
      try {
        await save(model.data as Answers, false, keepalive);
        setSaveState({ kind: 'saved', at: new Date() });
      } catch (error) {
        dirty.current = true;
        if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
          onStale(); // closed, submitted elsewhere or the code was replaced: show that state
          return;
        }
        setSaveState({ kind: 'failed', message: errorMessage(error) });
      }
    },
    [model, save, onStale],
  );

  useEffect(() => {
    const onValue = () => {
      dirty.current = true;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
    };
    const onPage = () => {
      writeStored(pageKey(code), String(model.currentPageNo));
      void flush();
      window.scrollTo({ top: 0 });
    };
    const onComplete = () => {
      clearTimeout(timer.current);
      void submit();
    };
    const submit = async () => {
      setPhase({ kind: 'submitting' });
      setSubmitError(undefined);
      try {
        await save(model.data as Answers, true);
        dirty.current = false;
        writeStored(pageKey(code), null);
        setPhase({ kind: 'done' });
      } catch (error) {
        if (error instanceof ApiError && error.status === 400 && error.fields.length > 0) {
          // required answers missing: back to the questionnaire, at the first question named
          const name = error.fields[0]?.path.replace(/^answers\./, '') ?? '';
          model.clear(false, false);
          const question = model.getQuestionByName(name);
          if (question) model.focusQuestion(name);
          setSubmitError(error.message);
          setPhase({ kind: 'answering' });
          return;
        }
        if (error instanceof ApiError && error.status === 409) {
          onStale();
          return;
        }
        setPhase({ kind: 'failed', message: errorMessage(error) });
      }
    };
    retrySubmit.current = submit;
    const onLeave = () => void flush(true);
    model.onValueChanged.add(onValue);
    model.onCurrentPageChanged.add(onPage);
    model.onComplete.add(onComplete);
    window.addEventListener('pagehide', onLeave);
    return () => {
      model.onValueChanged.remove(onValue);
      model.onCurrentPageChanged.remove(onPage);
      model.onComplete.remove(onComplete);
      window.removeEventListener('pagehide', onLeave);
    };
  }, [model, code, flush, save, onStale]);

  useEffect(() => () => clearTimeout(timer.current), []);

  if (phase.kind === 'done') {
    return (
      <Panel>
        <Result
          status="success"
          icon={<CheckCircleFilled style={{ color: '#389e0d' }} />}
          title="Спасибо! Анкета отправлена."
          subTitle="Ваши ответы помогут школе получить нужную поддержку. Эту страницу можно закрыть."
          extra={
            <Button size="large" className="medk-wrap-button" onClick={onStartOver} data-testid="respond-again">
              Заполнить ещё одну анкету
            </Button>
          }
          style={{ padding: '16px 0' }}
          data-testid="respond-thanks"
        />
      </Panel>
    );
  }
  if (phase.kind === 'submitting' || phase.kind === 'failed') {
    return (
      <Panel>
        {phase.kind === 'submitting' ? (
          <div style={{ padding: 48, textAlign: 'center' }} data-testid="respond-submitting">
            <Spin size="large" />
            <div style={{ marginTop: 12 }}>Отправляем ответы…</div>
          </div>
        ) : (
          <Result
            status="warning"
            title="Ответы пока не отправлены"
            subTitle={`${phase.message} Ответы не потеряны, пока эта страница открыта: нажмите «Отправить ещё раз», когда появится связь.`}
            extra={
              <Button
                type="primary"
                size="large"
                className="medk-wrap-button"
                icon={<ReloadOutlined />}
                onClick={() => void retrySubmit.current()}
                data-testid="respond-submit-retry"
              >
                Отправить ещё раз
              </Button>
            }
            style={{ padding: '16px 0' }}
            data-testid="respond-submit-failed"
          />
        )}
      </Panel>
    );
  }
  return (
    <>
      {submitError && (
        <Alert
          type="error"
          showIcon
          message="Анкета не отправлена"
          description={`${submitError} Ответьте на отмеченные вопросы и нажмите «Завершить» ещё раз.`}
          style={{ marginBottom: 8 }}
          data-testid="respond-submit-error"
        />
      )}
      <SaveIndicator state={saveState} onRetry={() => void flush()} />
      <div className="medk-survey" data-testid="respond-survey">
        <Survey model={model} />
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, textAlign: 'center', marginTop: 12 }}>
        Анкета анонимная. Незаконченные ответы сохраняются на этом устройстве — можно продолжить позже по той же ссылке.
        <br />
        <Link to="/s">Ввести другой код</Link>
      </Typography.Paragraph>
    </>
  );
}

function SaveIndicator({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const style = { fontSize: 13, minHeight: 22, padding: '0 8px 6px', textAlign: 'right' as const };
  switch (state.kind) {
    case 'idle':
      return <div style={style} data-testid="save-state" data-state="idle" />;
    case 'saving':
      return (
        <div style={style} data-testid="save-state" data-state="saving">
          <Typography.Text type="secondary">
            <LoadingOutlined /> Сохраняем черновик…
          </Typography.Text>
        </div>
      );
    case 'saved':
      return (
        <div style={style} data-testid="save-state" data-state="saved">
          <Typography.Text type="secondary">
            <CloudOutlined /> Черновик сохранён в {state.at.toLocaleTimeString('ru-RU', { hour: '2-digit', minute: '2-digit' })}
          </Typography.Text>
        </div>
      );
    case 'failed':
      return (
        <div style={style} data-testid="save-state" data-state="failed">
          <Typography.Text type="warning">
            <ExclamationCircleOutlined /> Черновик не сохранён: {state.message}{' '}
          </Typography.Text>
          <Button size="small" onClick={onRetry}>
            Повторить
          </Button>
        </div>
      );
  }
}
