/**
 * The first tap: large service tiles, 6–8 per screen (6 with larger text), more on further pages;
 * where the office groups services, a group tile opens a second level.
 */
import type { KioskLang, KioskStrings } from '../../shared/i18n/kiosk.js';
import type { PublicOffice } from '../../shared/protocol/http.js';
import { menuItems, nameIn, type PublicService } from '../menu.js';
import { Screen } from './Screen.js';
import { Tile } from './Tile.js';

export interface ServiceScreenProps {
  office: PublicOffice;
  groupId: string | undefined;
  page: number;
  lang: KioskLang;
  t: KioskStrings;
  large: boolean;
  portrait: boolean;
  settling: boolean;
  /** Services whose daily cap the kiosk saw reached today. */
  capped: ReadonlySet<string>;
  onService: (service: PublicService) => void;
  onGroup: (groupId: string) => void;
  onPage: (page: number) => void;
  onBack: () => void;
}

export function ServiceScreen(props: ServiceScreenProps) {
  const { office, groupId, lang, t, large, portrait } = props;
  const items = menuItems(office, groupId);
  const perPage = large ? 6 : 8;
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const page = Math.min(props.page, pages - 1);
  const shown = items.slice(page * perPage, (page + 1) * perPage);
  const wide = portrait ? 2 : large ? 3 : 4;
  const cols = Math.max(1, Math.min(wide, shown.length <= 3 && portrait ? 1 : shown.length));
  const group = groupId === undefined ? undefined : office.serviceGroups?.find((g) => g.id === groupId);

  return (
    <Screen
      name={group ? 'group' : 'services'}
      settling={props.settling}
      head={
        <>
          {group ? <p class="lead">{nameIn(group.name, lang)}</p> : <p class="lead">{t.welcome}</p>}
          <h1 class="title">{group ? t.chooseInGroup : t.chooseService}</h1>
        </>
      }
    >
      <div class="tiles" style={{ '--cols': String(cols) }}>
        {shown.map((item) =>
          item.kind === 'service' ? (
            <Tile
              key={item.service.id}
              icon={item.service.icon}
              label={nameIn(item.service.name, lang)}
              note={props.capped.has(item.service.id) ? t.capNote : undefined}
              onPress={() => props.onService(item.service)}
            />
          ) : (
            <Tile
              key={`group:${item.group.id}`}
              icon={item.group.icon ?? item.services[0]?.icon}
              label={nameIn(item.group.name, lang)}
              opensGroup
              onPress={() => props.onGroup(item.group.id)}
            />
          ),
        )}
      </div>
      {(group || pages > 1) && (
        <div class="actions">
          {group && (
            <button type="button" class="btn btn-back" onClick={props.onBack}>
              {t.back}
            </button>
          )}
          {pages > 1 && (
            <>
              <button
                type="button"
                class="btn btn-page"
                disabled={page === 0}
                onClick={() => props.onPage(page - 1)}
              >
                {t.prevPage}
              </button>
              <span class="page-of num">{t.pageOf(page + 1, pages)}</span>
              <button
                type="button"
                class="btn btn-page"
                disabled={page === pages - 1}
                onClick={() => props.onPage(page + 1)}
              >
                {t.nextPage}
              </button>
            </>
          )}
        </div>
      )}
    </Screen>
  );
}
