/**
 * What enterprises do: the industry word of a company name (科技, 贸易 ...), the trade of an individual business
 * (便利店, 餐馆 ...), and the business scope text in the form registries have used since the 2021 scope
 * standardization: general items, then licensed items, each list closed by its standard notice.
 */
import type { Random } from './types.ts';
import { WeightedTable } from './weighted.ts';

export interface Trade {
  /** The word in the name: `科技` in 华信科技有限公司, `便利店` in 南山区华信便利店. */
  word: string;
  /** Items anyone registered may do. */
  general: readonly string[];
  /** Items that need a licence from the competent department. */
  licensed: readonly string[];
  /** Every general part of a scope text (2-5 consecutive general items), made once per trade rather than per enterprise. */
  generalScopes: readonly string[];
  /** The licensed part of a scope text, or '' when the trade needs no licence. */
  licensedScope: string;
}

const GENERAL_NOTICE = '（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）';
const LICENSED_NOTICE = '（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以相关部门批准文件或许可证件为准）';

/** `general` and `licensed` list items separated by '；'. */
function trade(word: string, generalList: string, licensedList = ''): Trade {
  const general = generalList.split('；');
  const licensed = licensedList === '' ? [] : licensedList.split('；');
  const generalScopes: string[] = [];
  for (let start = 0; start < general.length; start++) {
    for (let count = 2; count <= 5; count++) {
      const items = Array.from({ length: Math.min(count, general.length) }, (_, i) => general[(start + i) % general.length]!);
      generalScopes.push(`一般项目：${items.join('；')}。${GENERAL_NOTICE}`);
    }
  }
  const licensedScope = licensed.length === 0 ? '' : `许可项目：${licensed.join('；')}。${LICENSED_NOTICE}`;
  return { word, general, licensed, generalScopes, licensedScope };
}

/** Trades of companies, with weights reflecting how common they are among new registrations. */
export const COMPANY_TRADES = new WeightedTable<Trade>([
  [trade('科技', '技术服务；技术开发；技术咨询；技术转让；软件开发；信息系统集成服务；数据处理和存储支持服务；人工智能应用软件开发；计算机软硬件及辅助设备零售'), 18],
  [trade('贸易', '日用百货销售；五金产品批发；电子产品销售；服装服饰批发；化妆品零售；办公用品销售；建筑材料销售', '货物进出口；技术进出口'), 15],
  [trade('建筑工程', '园林绿化工程施工；土石方工程施工；建筑装饰材料销售；工程管理服务；对外承包工程', '建设工程施工；建设工程设计'), 8],
  [trade('餐饮管理', '餐饮管理；外卖递送服务；食品销售（仅销售预包装食品）；日用品销售', '餐饮服务；食品经营'), 7],
  [trade('物流', '普通货物仓储服务（不含危险化学品等需许可审批的项目）；国内货物运输代理；装卸搬运；供应链管理服务；国际货物运输代理', '道路货物运输（不含危险货物）'), 6],
  [trade('文化传媒', '组织文化艺术交流活动；广告设计、代理；广告制作；会议及展览服务；平面设计；摄影扩印服务', '广播电视节目制作经营'), 7],
  [trade('医药', '第一类医疗器械销售；第二类医疗器械销售；保健食品（预包装）销售；消毒剂销售（不含危险化学品）', '药品零售；药品批发'), 3],
  [trade('机械设备', '通用设备制造（不含特种设备制造）；机械设备销售；机械设备租赁；通用设备修理；金属切削加工服务'), 5],
  [trade('电子', '电子元器件制造；电子产品销售；集成电路设计；光电子器件制造；电子专用材料研发'), 5],
  [trade('房地产开发', '物业管理；房地产经纪；住房租赁；非居住房地产租赁；房地产咨询', '房地产开发经营'), 2],
  [trade('农业发展', '谷物种植；蔬菜种植；水果种植；农业机械服务；农产品的生产、销售、加工、运输、贮藏及其他相关服务', '农作物种子经营'), 4],
  [trade('企业管理咨询', '企业管理咨询；信息咨询服务（不含许可类信息咨询服务）；财务咨询；市场调查（不含涉外调查）；社会经济咨询服务'), 8],
  [trade('教育科技', '教育咨询服务（不含涉许可审批的教育培训活动）；软件开发；教学用模型及教具销售；组织文化艺术交流活动'), 4],
  [trade('新能源', '太阳能发电技术服务；新兴能源技术研发；储能技术服务；电池销售；合同能源管理', '发电业务；输电业务；供（配）电业务'), 3],
  [trade('食品', '食品销售（仅销售预包装食品）；农副产品销售；食用农产品初加工；包装服务', '食品生产；食品销售'), 5],
]);

/** Trades of individual businesses (个体工商户). */
export const SHOP_TRADES = new WeightedTable<Trade>([
  [trade('便利店', '日用百货销售；食品销售（仅销售预包装食品）；文具用品零售', '烟草制品零售；酒类经营'), 20],
  [trade('餐馆', '外卖递送服务；餐饮管理', '餐饮服务；食品小作坊经营'), 18],
  [trade('小吃店', '外卖递送服务', '餐饮服务（不产生油烟、异味、废气）'), 12],
  [trade('理发店', '理发服务；美甲服务；化妆品零售'), 8],
  [trade('水果店', '新鲜水果零售；食用农产品零售'), 8],
  [trade('五金店', '五金产品零售；建筑材料销售；电线、电缆经营'), 6],
  [trade('服装店', '服装服饰零售；鞋帽零售；箱包销售'), 10],
  [trade('手机维修部', '通讯设备修理；移动终端设备销售；电子产品销售'), 5],
  [trade('茶庄', '茶具销售；食用农产品零售', '食品销售'), 4],
  [trade('粮油店', '食用农产品零售；农副产品销售', '食品销售'), 5],
]);

/** The business scope text of a trade: a few consecutive general items and, usually, its licensed ones. */
export function businessScope(random: Random, chosen: Trade): string {
  const general = random.pick(chosen.generalScopes);
  return chosen.licensedScope !== '' && random.chance(0.8) ? general + chosen.licensedScope : general;
}

/** The trade of an investment partnership (私募 funds and holding vehicles are usually partnerships). */
export const INVESTMENT_TRADE: Trade = trade(
  '投资',
  '以自有资金从事投资活动；创业投资（限投资未上市企业）；企业管理咨询；信息咨询服务（不含许可类信息咨询服务）',
);
