/**
 * Plausible Chinese addresses inside a region: the region's full name, then a road that most Chinese cities
 * have (人民路, 解放路, 建设路 ...), a door number and, for a home, the building, unit and room. The roads are
 * generic, not the region's real streets: plausible, never someone's actual address.
 */
import type { Region } from './regions.ts';
import type { Random } from './types.ts';

const ROADS: readonly string[] = (
  '人民路 解放路 中山路 建设路 和平路 新华路 胜利路 文化路 朝阳路 长江路 黄河路 青年路 光明路 工业路 学府路 ' +
  '迎宾路 滨河路 健康路 东风路 幸福路 友谊路 民主路 公园路 环城路 站前路 花园路 体育路 湖滨路 振兴路 复兴路 ' +
  '团结路 育才路 红旗路 建国路 府前街 东大街 西大街 南大街 北大街 新民路 丰收路 金桥路 滨江路 科技路 创业路'
).split(' ');

const DIRECTIONS = ['东', '西', '南', '北', '中'] as const;
const VILLAGE_SUFFIXES = ['村', '庄', '屯', '湾'] as const;
const VILLAGE_FIRSTS = '王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗';
const TOWERS = ['国际大厦', '商务中心', '科技园', '金融中心', '创业园', '广场', '大厦'] as const;

function road(random: Random): string {
  const name = random.pick(ROADS);
  // 人民东路, 解放中路: some roads are split by direction.
  return name.endsWith('路') && random.chance(0.2) ? name.slice(0, -1) + random.pick(DIRECTIONS) + '路' : name;
}

/** A household registration address: mostly a flat in a residential building, sometimes a house in a village. */
export function homeAddress(random: Random, region: Region): string {
  const roll = random.next();
  if (roll < 0.1) {
    const village = VILLAGE_FIRSTS[random.int(0, VILLAGE_FIRSTS.length - 1)]! + '家' + random.pick(VILLAGE_SUFFIXES);
    return `${region.fullName}${village}${random.int(1, 300)}号`;
  }
  const street = `${region.fullName}${road(random)}${random.int(1, 999)}号`;
  if (roll < 0.2) return street;
  const room = `${random.int(1, roll < 0.6 ? 7 : 33)}${String(random.int(1, 6)).padStart(2, '0')}`;
  if (roll < 0.6) return `${street}${random.int(1, 30)}栋${random.int(1, 4)}单元${room}室`;
  return `${street}院${random.int(1, 20)}号楼${room}`;
}

/** A registered business address: an office in a building, or a ground-floor shop on a road. */
export function businessAddress(random: Random, region: Region): string {
  const street = `${region.fullName}${road(random)}${random.int(1, 999)}号`;
  if (random.chance(0.35)) return `${street}${random.int(1, 3) === 1 ? '一层' : ''}${random.int(101, 120)}铺`;
  const floor = random.int(2, 35);
  return `${street}${random.pick(TOWERS)}${floor}层${floor}${String(random.int(1, 20)).padStart(2, '0')}室`;
}
