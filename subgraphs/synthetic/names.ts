/**
 * Chinese personal names: a surname drawn by its real frequency (the most common hundred or so, which cover
 * most of the population; 王, 李 and 张 about 7% each) and a given name of one or two characters drawn from
 * pools that lean by gender and by generation (a man born in 1950 is more often 建国 than 子轩).
 */
import type { Gender, Random } from './types.ts';
import { WeightedTable } from './weighted.ts';

/**
 * Surnames with their approximate share of the population, in hundredths of a percent: the 115 most common
 * (about 85% of people), then a tail of rarer ones standing for the remaining 15%.
 */
const SURNAME_SHARES = `王710 李700 张670 刘540 陈450 杨310 黄240 赵230 吴200 周190 徐150 孙150 马140 朱130 胡130
郭120 何110 林100 高100 罗100 郑90 梁90 谢80 宋80 唐80 许70 韩70 邓70 冯70 曹70 彭60 曾60 肖60 田60 董50 潘50
袁50 蔡50 蒋50 余50 于50 杜50 叶50 程40 魏40 苏40 吕40 丁40 任40 卢40 姚40 沈40 钟40 姜40 崔30 谭30 陆30 范30
汪30 廖30 石30 金30 韦30 贾30 夏30 付30 方30 邹20 熊20 白20 孟20 秦20 邱20 侯20 江20 尹20 薛20 闫20 段20 雷20
龙20 黎20 史20 陶20 贺20 毛20 郝20 顾20 龚20 邵20 万20 覃10 武20 钱20 戴20 严20 莫10 孔10 向10 常10 汤10 康10
易10 乔10 赖10 文10 施10 洪10 辛10 柯10 庄10 欧阳3 上官1 司马1 诸葛1
鲁15 葛15 伍15 申15 尤15 毕15 聂15 焦15 柳15 邢15 路15 岳15 梅15 庞15 樊15 殷15 祝15 鲍15 兰15 单15 包15 甘15 关15 苗15 卜15 牛15 艾15
巴15 宫15 房15 滕15 季15 安15 倪15 左15 管15 耿15 温15 童15 凌15 霍15 池15 靳15 翟15 项15 纪15 阮15 舒15 屈15 喻15 蒲15 褚15 骆15 符15
窦15 盛15 芦15 蓝15 全15 储15 明15 景15 詹15 隋15 娄15 宁15 裴15 楚15 桂15 俞15 柏15 涂15 晏15 邬15 荆15 栾15 车15 郁15 米15 冉15 仇15
佘15 商15 麦15 萧15 尚15 缪15 佟15 闻15 占15 帅15 敖15 费15 卫15 迟15`;

const SURNAMES = new WeightedTable(
  SURNAME_SHARES.split(/\s+/).map((entry) => {
    const [, surname, share] = /^(\D+)(\d+)$/.exec(entry)!;
    return [surname!, Number(share)] as const;
  }),
);

type Generation = 'born before 1965' | 'born 1965-1989' | 'born 1990 or later';

/** Characters for the first and second place of a two-character given name; a one-character name uses the second pool. */
interface NamePools {
  first: string;
  second: string;
}

const POOLS: Readonly<Record<Generation, Readonly<Record<Gender, NamePools>>>> = {
  'born before 1965': {
    MALE: { first: '建国志德永振卫文树春长福保庆金玉宝世立学明国', second: '国华军民明强平林成生荣山忠祥福发才义新良田清' },
    FEMALE: { first: '秀淑玉桂凤兰翠素春美丽金月彩冬秋', second: '英兰珍芳华梅琴霞荣云香芝凤娥莲花琼珠' },
  },
  'born 1965-1989': {
    MALE: { first: '晓志建文永海小俊国立家明大宏春振', second: '伟磊勇军杰涛斌超明刚辉鹏华飞波强峰亮健俊东宁林平龙' },
    FEMALE: { first: '晓丽海春雪美玉秀红小静慧亚艳', second: '芳娜敏静丽艳娟霞燕玲婷红梅萍洁琳丹颖华英倩莉蓉' },
  },
  'born 1990 or later': {
    MALE: { first: '子浩宇梓俊一嘉思博泽天明家文佳皓睿雨', second: '轩然睿涵宇杰豪泽辰航浩博阳铭瑞晨鑫凯恒彬宸逸川霖锐' },
    FEMALE: { first: '梓欣子诗雨思佳可一语紫若雅静梦心婉嘉', second: '涵萱怡彤琪妍瑶悦琳婷雯璐颖馨晴雪菲蕊桐然柔霏宁' },
  },
};

/** Share of one-character given names, which peaked among people born in the 1970s-80s. */
const SINGLE_CHARACTER_SHARE: Readonly<Record<Generation, number>> = {
  'born before 1965': 0.25,
  'born 1965-1989': 0.3,
  'born 1990 or later': 0.12,
};

export function pickSurname(random: Random): string {
  return SURNAMES.pick(random);
}

export function pickGivenName(random: Random, gender: Gender, birthYear: number): string {
  const generation = generationOf(birthYear);
  const pools = POOLS[generation][gender];
  const second = pickCharacter(random, pools.second);
  if (random.chance(SINGLE_CHARACTER_SHARE[generation])) return second;
  let first = pickCharacter(random, pools.first);
  if (first === second) first = pickCharacter(random, pools.first);
  return first + second;
}

function generationOf(birthYear: number): Generation {
  if (birthYear < 1965) return 'born before 1965';
  return birthYear < 1990 ? 'born 1965-1989' : 'born 1990 or later';
}

function pickCharacter(random: Random, pool: string): string {
  return pool[Math.floor(random.next() * pool.length)]!;
}
