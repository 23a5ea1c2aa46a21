import { describe, expect, it } from 'vitest';
import { createTransport, parsePrinterUrl, PrinterUrlError } from '../../server/printing/transports.js';

describe('parsePrinterUrl', () => {
  it('tcp: host and port, 9100 by default, IPv6 in brackets', () => {
    expect(parsePrinterUrl('tcp://192.168.1.50:9100')).toEqual({
      kind: 'tcp',
      host: '192.168.1.50',
      port: 9100,
    });
    expect(parsePrinterUrl('tcp://printer-kiosk-1')).toEqual({
      kind: 'tcp',
      host: 'printer-kiosk-1',
      port: 9100,
    });
    expect(parsePrinterUrl(' tcp://10.0.0.7:9101/ ')).toEqual({ kind: 'tcp', host: '10.0.0.7', port: 9101 });
    expect(parsePrinterUrl('tcp://[fe80::1]:9100')).toEqual({ kind: 'tcp', host: 'fe80::1', port: 9100 });
  });

  it('usb: a Linux device path', () => {
    expect(parsePrinterUrl('usb:/dev/usb/lp0')).toEqual({ kind: 'usb', path: '/dev/usb/lp0' });
  });

  it('serial: device, baud (115200 by default) and flow control', () => {
    expect(parsePrinterUrl('serial:/dev/ttyUSB0?baud=115200')).toEqual({
      kind: 'serial',
      path: '/dev/ttyUSB0',
      baudRate: 115200,
      flow: 'none',
    });
    expect(parsePrinterUrl('serial:/dev/ttyS0')).toMatchObject({ baudRate: 115200 });
    expect(parsePrinterUrl('serial:COM3?baud=9600&flow=rtscts')).toEqual({
      kind: 'serial',
      path: 'COM3',
      baudRate: 9600,
      flow: 'rtscts',
    });
  });

  it.each([
    ['', /not a URL/],
    ['192.168.1.50:9100', /unknown scheme|not a URL/],
    ['http://192.168.1.50:9100', /unknown scheme "http:"/],
    ['tcp://', /missing host|not a URL/],
    ['tcp://host:99999', /not a URL/],
    ['tcp://host:9100/print', /no path/],
    ['tcp://host:9100?x=1', /no parameters/],
    ['usb:lp0', /device such as \/dev\/usb\/lp0/],
    ['usb:/dev/usb/lp0?baud=9600', /no parameters/],
    ['serial:', /missing serial device/],
    ['serial:/dev/ttyUSB0?baud=12345', /baud must be one of/],
    ['serial:/dev/ttyUSB0?baud=fast', /baud must be one of/],
    ['serial:/dev/ttyUSB0?flow=xon', /flow must be none or rtscts/],
    ['serial:/dev/ttyUSB0?parity=even', /unknown parameter "parity"/],
  ])('rejects %j with a clear message', (url, why) => {
    let error: unknown;
    try {
      parsePrinterUrl(url);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PrinterUrlError);
    expect((error as Error).message).toMatch(why);
    expect((error as Error).message).toMatch(/Expected tcp:\/\/host:9100/);
  });
});

describe('createTransport', () => {
  it('names the printer by its normalised URL (the lock key) without connecting', () => {
    expect(createTransport('tcp://10.0.0.7').target).toBe('tcp://10.0.0.7:9100');
    expect(createTransport('tcp://[::1]:9100').target).toBe('tcp://[::1]:9100');
    expect(createTransport('usb:/dev/usb/lp1').target).toBe('usb:/dev/usb/lp1');
    expect(createTransport('serial:/dev/ttyUSB0?baud=9600').target).toBe('serial:/dev/ttyUSB0?baud=9600');
  });

  it('knows how slow a serial link is (for the job deadline)', () => {
    expect(createTransport('serial:/dev/ttyUSB0?baud=115200').bytesPerSecond).toBe(11520);
    expect(createTransport('tcp://10.0.0.7').bytesPerSecond).toBeUndefined();
  });

  it('a missing USB device fails the job cleanly as no reply', async () => {
    const { printTicketJob } = await import('../../server/printing/printer.js');
    const outcome = await printTicketJob(createTransport('usb:/dev/usb/lp-missing-42'), Uint8Array.of(1));
    expect(outcome).toMatchObject({ printed: false, failedMidway: false, status: { state: 'no_reply' } });
    expect(outcome.status.detail).toMatch(/cannot open \/dev\/usb\/lp-missing-42: ENOENT/);
  });
});
