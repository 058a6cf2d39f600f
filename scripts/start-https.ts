/**
 * `npm run start:https`: the server over HTTPS on https://localhost:3000 with a self-signed certificate for
 * localhost (made once, kept in certs/_cert.pem), which is what Excel needs to sideload the add-in. Trust
 * the certificate once (README, "Sideloading"). A deployment sets YANYIN_TLS_CERT/KEY to real files instead.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getCertificate } from '@vitejs/plugin-basic-ssl';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const certDir = join(root, 'certs');
const file = join(certDir, '_cert.pem');

if (!process.env.YANYIN_TLS_CERT) {
  // The same certificate `npm run dev:addin` uses: key and certificate in one PEM file.
  const pem = await getCertificate(certDir, 'yanyin-dev', ['localhost']);
  mkdirSync(certDir, { recursive: true });
  writeFileSync(file, pem, { mode: 0o600 });
  process.env.YANYIN_TLS_CERT = file;
  process.env.YANYIN_TLS_KEY = file;
  console.log(`HTTPS with the self-signed certificate ${file} (trust it once: see README, "Sideloading").`);
}
await import('../server/main');
