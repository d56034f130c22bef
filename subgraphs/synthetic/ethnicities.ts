/**
 * The 56 ethnic groups recognized in China, drawn by their share of the 2020 census (Han about 91%, then
 * Zhuang, Uyghur, Hui, Miao, Manchu ...). The draw is national: it does not follow where a group lives.
 */
import type { Random } from './types.ts';
import { WeightedTable } from './weighted.ts';

/** Each group with its 2020 census population in thousands (rounded; approximate for the smallest groups). */
const POPULATION_THOUSANDS: readonly (readonly [string, number])[] = [
  ['汉族', 1_286_311], ['壮族', 19_569], ['维吾尔族', 11_775], ['回族', 11_378], ['苗族', 11_068], ['满族', 10_423],
  ['彝族', 9_830], ['土家族', 9_588], ['藏族', 7_060], ['蒙古族', 6_290], ['布依族', 3_577], ['侗族', 3_496],
  ['瑶族', 3_309], ['白族', 2_091], ['哈尼族', 1_733], ['朝鲜族', 1_702], ['黎族', 1_603], ['哈萨克族', 1_562],
  ['傣族', 1_329], ['东乡族', 775], ['傈僳族', 763], ['畲族', 746], ['仡佬族', 677], ['拉祜族', 499], ['水族', 496],
  ['佤族', 431], ['纳西族', 324], ['羌族', 313], ['土族', 282], ['仫佬族', 278], ['柯尔克孜族', 204], ['锡伯族', 191],
  ['撒拉族', 165], ['景颇族', 160], ['达斡尔族', 132], ['布朗族', 127], ['毛南族', 124], ['塔吉克族', 51],
  ['普米族', 45], ['阿昌族', 44], ['怒族', 37], ['鄂温克族', 34], ['京族', 33], ['基诺族', 26], ['保安族', 24],
  ['德昂族', 22], ['俄罗斯族', 16], ['裕固族', 15], ['乌孜别克族', 12], ['门巴族', 11], ['鄂伦春族', 9],
  ['独龙族', 7], ['赫哲族', 5], ['高山族', 4], ['珞巴族', 4], ['塔塔尔族', 4],
];

const TABLE = new WeightedTable(POPULATION_THOUSANDS);

/** The 56 groups' names, in descending order of population. */
export const ETHNIC_GROUPS: readonly string[] = TABLE.items;

export function pickEthnicity(random: Random): string {
  return TABLE.pick(random);
}
