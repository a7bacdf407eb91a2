// /surveys/:campaignId/schools/:schoolId/print — the leaflet a school prints: one block per questionnaire with
// short instructions, the address, the code and a QR code. Print CSS hides the menu and buttons.
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space, Spin, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { QueryState } from '../../shared/states';
import { fullUrl, INSTRUCTIONS, INSTRUMENT_LABELS, useSchoolCampaign, type Link as RespondentLink, type SchoolCampaign } from './api';
import { campaignWindow } from './SurveysPage';

const PRINT_CSS = `
@media print {
  @page { size: A4; margin: 12mm; }
  .ant-layout-sider, .ant-layout-header, .ant-message, .medk-no-print { display: none !important; }
  .ant-layout, .ant-layout-content { background: #fff !important; padding: 0 !important; margin: 0 !important; }
  .medk-leaflet-block { break-inside: avoid; page-break-inside: avoid; }
}
.medk-leaflet-block { border: 1px dashed #999; border-radius: 8px; padding: 16px; margin-bottom: 16px; background: #fff;
  display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
.medk-leaflet-text { flex: 1 1 280px; min-width: 0; }
.medk-leaflet-qr { width: 160px; height: 160px; flex: 0 0 auto; }
`;

export function PrintPage() {
  const params = useParams();
  const query = useSchoolCampaign(Number(params.campaignId), Number(params.schoolId));
  return <QueryState query={query}>{(data) => <Leaflet data={data} />}</QueryState>;
}

function Leaflet({ data }: { data: SchoolCampaign }) {
  const { campaign, school, links } = data;
  const active = links.filter((l) => !l.revoked);
  return (
    <div data-testid="print-page" style={{ maxWidth: 820 }}>
      <style>{PRINT_CSS}</style>
      <Space className="medk-no-print" wrap style={{ marginBottom: 16 }}>
        <Link to={`/surveys/${campaign.id}/schools/${school.schoolId}`}>
          <Button icon={<ArrowLeftOutlined />}>Назад</Button>
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-now">
          Печать
        </Button>
        <Typography.Text type="secondary">Разрежьте лист по пунктиру и раздайте каждой группе участников свою часть.</Typography.Text>
      </Space>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {school.name}: анкетирование «{campaign.title}»
      </Typography.Title>
      <Typography.Paragraph>Анкеты принимаются {campaignWindow(campaign)}.</Typography.Paragraph>
      {active.map((link) => (
        <LeafletBlock key={link.instrument} link={link} />
      ))}
    </div>
  );
}

function LeafletBlock({ link }: { link: RespondentLink }) {
  const url = fullUrl(link.url);
  const [qr, setQr] = useState<string>();
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(url, { margin: 1, width: 320, errorCorrectionLevel: 'M' })
      .then((data) => live && setQr(data))
      .catch(() => live && setQr(''));
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <div className="medk-leaflet-block" data-testid={`leaflet-${link.instrument}`}>
      <div className="medk-leaflet-text">
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {link.title || `Анкета: ${INSTRUMENT_LABELS[link.instrument]}`}
        </Typography.Title>
        <Typography.Paragraph style={{ marginBottom: 8 }}>{INSTRUCTIONS[link.instrument]}</Typography.Paragraph>
        <Typography.Paragraph style={{ marginBottom: 4 }}>
          Наведите камеру телефона на QR-код или откройте адрес:
          <br />
          <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
            {url}
          </Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          Если ссылка не открывается, зайдите на {fullUrl('/s')} и введите код анкеты:{' '}
          <span style={{ fontFamily: 'monospace', fontSize: 22, letterSpacing: 2, fontWeight: 600 }} data-testid="leaflet-code">
            {link.code}
          </span>
        </Typography.Paragraph>
      </div>
      {qr === undefined ? (
        <div className="medk-leaflet-qr" style={{ display: 'grid', placeItems: 'center' }}>
          <Spin />
        </div>
      ) : qr ? (
        <img className="medk-leaflet-qr" src={qr} alt={`QR-код: ${url}`} data-testid="leaflet-qr" />
      ) : null}
    </div>
  );
}
