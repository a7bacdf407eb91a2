// Sending notification mail through SMTP (SMTP_URL, SMTP_FROM). Without SMTP_URL there is no mailer: mail is kept in
// the outbox for the administrator.
import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Stable per outbox row, so a mail re-sent after a crash can be recognised by the receiving side. */
  messageId: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** Connects and authenticates without sending (for `medk doctor`). */
  verify(): Promise<void>;
  close(): void;
}

export function createMailer(config: { smtpUrl?: string; smtpFrom: string }): Mailer | null {
  if (!config.smtpUrl) return null;
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from: config.smtpFrom, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
    },
    async verify() {
      await transport.verify();
    },
    close: () => transport.close(),
  };
}
