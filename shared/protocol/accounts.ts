/**
 * HTTP schemas (TypeBox) of authentication and account administration: `/api/auth/*`,
 * `/api/admin/users*`, `/api/admin/devices*`. The server validates and serialises with them (so a
 * password or token hash can never leak through a response: fields not listed are not sent); the
 * admin pages can use the same types.
 */
import { Type, type Static } from 'typebox';
import { SLUG } from '../domain/ids.js';
import { PrinterHealthSchema, PrinterSettingsSchema } from './printing.js';

export const RoleSchema = Type.Union(
  [Type.Literal('admin'), Type.Literal('supervisor'), Type.Literal('officer')],
  {
    description:
      'admin: everything; supervisor: their offices, devices included; officer: counters of their offices',
  },
);
export const DeviceKindSchema = Type.Union([Type.Literal('kiosk'), Type.Literal('display')], {
  description: 'kiosk: issues tickets for its office; display: reads its office',
});

const Slug = (description: string) =>
  Type.String({ pattern: SLUG.source, minLength: 1, maxLength: 64, description });
const EpochMs = (description: string) => Type.Integer({ minimum: 0, description });

export const UsernameSchema = Slug('Lower-case letters, digits, - and _; the user id');
export const PasswordSchema = Type.String({
  minLength: 8,
  maxLength: 256,
  description: 'At least 8 characters',
});
export const OfficeIdsSchema = Type.Array(Slug('Office id'), {
  maxItems: 1000,
  uniqueItems: true,
  description: 'Offices the user belongs to (ignored for admins, who act on every office)',
});

export const PublicUserSchema = Type.Object(
  {
    id: UsernameSchema,
    displayName: Type.String(),
    role: RoleSchema,
    officeIds: Type.Array(Type.String()),
    disabled: Type.Boolean(),
    createdAt: EpochMs('Creation time (epoch ms)'),
  },
  { description: 'A user account, without any secret' },
);
export type PublicUser = Static<typeof PublicUserSchema>;

export const PublicDeviceSchema = Type.Object(
  {
    id: Type.String(),
    kind: DeviceKindSchema,
    officeId: Type.String(),
    name: Type.String(),
    createdAt: EpochMs('Pairing time (epoch ms)'),
    lastSeenAt: Type.Optional(EpochMs('Last authenticated request (epoch ms, to the minute)')),
    revokedAt: Type.Optional(EpochMs('Revocation time (epoch ms); a revoked token no longer works')),
    printer: Type.Optional(PrinterSettingsSchema),
    printerHealth: Type.Optional(PrinterHealthSchema),
  },
  { description: 'A kiosk or display, without its token' },
);
export type PublicDevice = Static<typeof PublicDeviceSchema>;

// ── /api/auth ────────────────────────────────────────────────────────────

export const LoginBodySchema = Type.Object(
  {
    // Loose on purpose: any name gets the same INVALID_CREDENTIALS as a wrong password.
    username: Type.String({ minLength: 1, maxLength: 128 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBodySchema>;

export const LoginReplySchema = Type.Object({
  token: Type.String({
    description:
      'Session token: send as `Authorization: Bearer <token>` (the same session is also set as a cookie)',
  }),
  expiresAt: EpochMs('When the session ends (epoch ms)'),
  user: PublicUserSchema,
});
export type LoginReply = Static<typeof LoginReplySchema>;

export const MeReplySchema = Type.Union([
  Type.Object({ kind: Type.Literal('user'), user: PublicUserSchema }),
  Type.Object({ kind: Type.Literal('device'), device: PublicDeviceSchema }),
]);
export type MeReply = Static<typeof MeReplySchema>;

// ── /api/admin/users ─────────────────────────────────────────────────────

export const CreateUserBodySchema = Type.Object(
  {
    username: UsernameSchema,
    password: PasswordSchema,
    role: RoleSchema,
    officeIds: OfficeIdsSchema,
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBodySchema>;

export const UpdateUserBodySchema = Type.Object(
  {
    role: Type.Optional(RoleSchema),
    officeIds: Type.Optional(OfficeIdsSchema),
    disabled: Type.Optional(Type.Boolean()),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    password: Type.Optional(
      Type.String({
        minLength: 8,
        maxLength: 256,
        description: 'A new password; ends every session of the user',
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBodySchema>;

export const UserParamsSchema = Type.Object({ userId: Type.String({ maxLength: 64 }) });

export const UserReplySchema = Type.Object({ user: PublicUserSchema });
export const UserListReplySchema = Type.Object({ users: Type.Array(PublicUserSchema) });

// ── /api/admin/devices ───────────────────────────────────────────────────

export const CreateDeviceBodySchema = Type.Object(
  {
    kind: DeviceKindSchema,
    officeId: Slug('The office the device serves'),
    name: Type.String({ minLength: 1, maxLength: 100, description: 'e.g. "Kiosk sảnh A"' }),
  },
  { additionalProperties: false },
);
export type CreateDeviceBody = Static<typeof CreateDeviceBodySchema>;

export const CreateDeviceReplySchema = Type.Object({
  device: PublicDeviceSchema,
  token: Type.String({
    description:
      'The device token, shown this once: configure the device with it (`Authorization: Bearer` or socket `auth.token`)',
  }),
});

export const DeviceListQuerySchema = Type.Object(
  { officeId: Type.Optional(Slug('Only devices of this office (required for supervisors)')) },
  { additionalProperties: false },
);
export const DeviceParamsSchema = Type.Object({ deviceId: Type.String({ maxLength: 64 }) });
export const DeviceReplySchema = Type.Object({ device: PublicDeviceSchema });
export const DeviceListReplySchema = Type.Object({ devices: Type.Array(PublicDeviceSchema) });
