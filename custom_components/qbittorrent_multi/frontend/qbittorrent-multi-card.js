const e=globalThis,t=e.ShadowRoot&&(void 0===e.ShadyCSS||e.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,r=Symbol(),s=new WeakMap;let o=class{constructor(e,t,s){if(this._$cssResult$=!0,s!==r)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=e,this.t=t}get styleSheet(){let e=this.o;const r=this.t;if(t&&void 0===e){const t=void 0!==r&&1===r.length;t&&(e=s.get(r)),void 0===e&&((this.o=e=new CSSStyleSheet).replaceSync(this.cssText),t&&s.set(r,e))}return e}toString(){return this.cssText}};const n=(e,...t)=>{const s=1===e.length?e[0]:t.reduce((t,r,s)=>t+(e=>{if(!0===e._$cssResult$)return e.cssText;if("number"==typeof e)return e;throw Error("Value passed to 'css' function must be a 'css' function result: "+e+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(r)+e[s+1],e[0]);return new o(s,e,r)},i=t?e=>e:e=>e instanceof CSSStyleSheet?(e=>{let t="";for(const r of e.cssRules)t+=r.cssText;return(e=>new o("string"==typeof e?e:e+"",void 0,r))(t)})(e):e,{is:a,defineProperty:l,getOwnPropertyDescriptor:d,getOwnPropertyNames:c,getOwnPropertySymbols:h,getPrototypeOf:u}=Object,p=globalThis,g=p.trustedTypes,_=g?g.emptyScript:"",f=p.reactiveElementPolyfillSupport,m=(e,t)=>e,v={toAttribute(e,t){switch(t){case Boolean:e=e?_:null;break;case Object:case Array:e=null==e?e:JSON.stringify(e)}return e},fromAttribute(e,t){let r=e;switch(t){case Boolean:r=null!==e;break;case Number:r=null===e?null:Number(e);break;case Object:case Array:try{r=JSON.parse(e)}catch(e){r=null}}return r}},b=(e,t)=>!a(e,t),y={attribute:!0,type:String,converter:v,reflect:!1,useDefault:!1,hasChanged:b};Symbol.metadata??=Symbol("metadata"),p.litPropertyMetadata??=new WeakMap;let w=class extends HTMLElement{static addInitializer(e){this._$Ei(),(this.l??=[]).push(e)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(e,t=y){if(t.state&&(t.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(e)&&((t=Object.create(t)).wrapped=!0),this.elementProperties.set(e,t),!t.noAccessor){const r=Symbol(),s=this.getPropertyDescriptor(e,r,t);void 0!==s&&l(this.prototype,e,s)}}static getPropertyDescriptor(e,t,r){const{get:s,set:o}=d(this.prototype,e)??{get(){return this[t]},set(e){this[t]=e}};return{get:s,set(t){const n=s?.call(this);o?.call(this,t),this.requestUpdate(e,n,r)},configurable:!0,enumerable:!0}}static getPropertyOptions(e){return this.elementProperties.get(e)??y}static _$Ei(){if(this.hasOwnProperty(m("elementProperties")))return;const e=u(this);e.finalize(),void 0!==e.l&&(this.l=[...e.l]),this.elementProperties=new Map(e.elementProperties)}static finalize(){if(this.hasOwnProperty(m("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(m("properties"))){const e=this.properties,t=[...c(e),...h(e)];for(const r of t)this.createProperty(r,e[r])}const e=this[Symbol.metadata];if(null!==e){const t=litPropertyMetadata.get(e);if(void 0!==t)for(const[e,r]of t)this.elementProperties.set(e,r)}this._$Eh=new Map;for(const[e,t]of this.elementProperties){const r=this._$Eu(e,t);void 0!==r&&this._$Eh.set(r,e)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(e){const t=[];if(Array.isArray(e)){const r=new Set(e.flat(1/0).reverse());for(const e of r)t.unshift(i(e))}else void 0!==e&&t.push(i(e));return t}static _$Eu(e,t){const r=t.attribute;return!1===r?void 0:"string"==typeof r?r:"string"==typeof e?e.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(e=>this.enableUpdating=e),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(e=>e(this))}addController(e){(this._$EO??=new Set).add(e),void 0!==this.renderRoot&&this.isConnected&&e.hostConnected?.()}removeController(e){this._$EO?.delete(e)}_$E_(){const e=new Map,t=this.constructor.elementProperties;for(const r of t.keys())this.hasOwnProperty(r)&&(e.set(r,this[r]),delete this[r]);e.size>0&&(this._$Ep=e)}createRenderRoot(){const r=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return((r,s)=>{if(t)r.adoptedStyleSheets=s.map(e=>e instanceof CSSStyleSheet?e:e.styleSheet);else for(const t of s){const s=document.createElement("style"),o=e.litNonce;void 0!==o&&s.setAttribute("nonce",o),s.textContent=t.cssText,r.appendChild(s)}})(r,this.constructor.elementStyles),r}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(e=>e.hostConnected?.())}enableUpdating(e){}disconnectedCallback(){this._$EO?.forEach(e=>e.hostDisconnected?.())}attributeChangedCallback(e,t,r){this._$AK(e,r)}_$ET(e,t){const r=this.constructor.elementProperties.get(e),s=this.constructor._$Eu(e,r);if(void 0!==s&&!0===r.reflect){const o=(void 0!==r.converter?.toAttribute?r.converter:v).toAttribute(t,r.type);this._$Em=e,null==o?this.removeAttribute(s):this.setAttribute(s,o),this._$Em=null}}_$AK(e,t){const r=this.constructor,s=r._$Eh.get(e);if(void 0!==s&&this._$Em!==s){const e=r.getPropertyOptions(s),o="function"==typeof e.converter?{fromAttribute:e.converter}:void 0!==e.converter?.fromAttribute?e.converter:v;this._$Em=s;const n=o.fromAttribute(t,e.type);this[s]=n??this._$Ej?.get(s)??n,this._$Em=null}}requestUpdate(e,t,r,s=!1,o){if(void 0!==e){const n=this.constructor;if(!1===s&&(o=this[e]),r??=n.getPropertyOptions(e),!((r.hasChanged??b)(o,t)||r.useDefault&&r.reflect&&o===this._$Ej?.get(e)&&!this.hasAttribute(n._$Eu(e,r))))return;this.C(e,t,r)}!1===this.isUpdatePending&&(this._$ES=this._$EP())}C(e,t,{useDefault:r,reflect:s,wrapped:o},n){r&&!(this._$Ej??=new Map).has(e)&&(this._$Ej.set(e,n??t??this[e]),!0!==o||void 0!==n)||(this._$AL.has(e)||(this.hasUpdated||r||(t=void 0),this._$AL.set(e,t)),!0===s&&this._$Em!==e&&(this._$Eq??=new Set).add(e))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(e){Promise.reject(e)}const e=this.scheduleUpdate();return null!=e&&await e,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(const[e,t]of this._$Ep)this[e]=t;this._$Ep=void 0}const e=this.constructor.elementProperties;if(e.size>0)for(const[t,r]of e){const{wrapped:e}=r,s=this[t];!0!==e||this._$AL.has(t)||void 0===s||this.C(t,void 0,r,s)}}let e=!1;const t=this._$AL;try{e=this.shouldUpdate(t),e?(this.willUpdate(t),this._$EO?.forEach(e=>e.hostUpdate?.()),this.update(t)):this._$EM()}catch(t){throw e=!1,this._$EM(),t}e&&this._$AE(t)}willUpdate(e){}_$AE(e){this._$EO?.forEach(e=>e.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(e)),this.updated(e)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(e){return!0}update(e){this._$Eq&&=this._$Eq.forEach(e=>this._$ET(e,this[e])),this._$EM()}updated(e){}firstUpdated(e){}};w.elementStyles=[],w.shadowRootOptions={mode:"open"},w[m("elementProperties")]=new Map,w[m("finalized")]=new Map,f?.({ReactiveElement:w}),(p.reactiveElementVersions??=[]).push("2.1.2");const $=globalThis,x=e=>e,k=$.trustedTypes,A=k?k.createPolicy("lit-html",{createHTML:e=>e}):void 0,S="$lit$",E=`lit$${Math.random().toFixed(9).slice(2)}$`,z="?"+E,q=`<${z}>`,C=document,T=()=>C.createComment(""),M=e=>null===e||"object"!=typeof e&&"function"!=typeof e,D=Array.isArray,U="[ \t\n\f\r]",R=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,j=/-->/g,N=/>/g,L=RegExp(`>|${U}(?:([^\\s"'>=/]+)(${U}*=${U}*(?:[^ \t\n\f\r"'\`<>=]|("|')|))|$)`,"g"),P=/'/g,B=/"/g,O=/^(?:script|style|textarea|title)$/i,I=e=>(t,...r)=>({_$litType$:e,strings:t,values:r}),H=I(1),V=I(2),F=Symbol.for("lit-noChange"),G=Symbol.for("lit-nothing"),K=new WeakMap,W=C.createTreeWalker(C,129);function Z(e,t){if(!D(e)||!e.hasOwnProperty("raw"))throw Error("invalid template strings array");return void 0!==A?A.createHTML(t):t}const Q=(e,t)=>{const r=e.length-1,s=[];let o,n=2===t?"<svg>":3===t?"<math>":"",i=R;for(let t=0;t<r;t++){const r=e[t];let a,l,d=-1,c=0;for(;c<r.length&&(i.lastIndex=c,l=i.exec(r),null!==l);)c=i.lastIndex,i===R?"!--"===l[1]?i=j:void 0!==l[1]?i=N:void 0!==l[2]?(O.test(l[2])&&(o=RegExp("</"+l[2],"g")),i=L):void 0!==l[3]&&(i=L):i===L?">"===l[0]?(i=o??R,d=-1):void 0===l[1]?d=-2:(d=i.lastIndex-l[2].length,a=l[1],i=void 0===l[3]?L:'"'===l[3]?B:P):i===B||i===P?i=L:i===j||i===N?i=R:(i=L,o=void 0);const h=i===L&&e[t+1].startsWith("/>")?" ":"";n+=i===R?r+q:d>=0?(s.push(a),r.slice(0,d)+S+r.slice(d)+E+h):r+E+(-2===d?t:h)}return[Z(e,n+(e[r]||"<?>")+(2===t?"</svg>":3===t?"</math>":"")),s]};class J{constructor({strings:e,_$litType$:t},r){let s;this.parts=[];let o=0,n=0;const i=e.length-1,a=this.parts,[l,d]=Q(e,t);if(this.el=J.createElement(l,r),W.currentNode=this.el.content,2===t||3===t){const e=this.el.content.firstChild;e.replaceWith(...e.childNodes)}for(;null!==(s=W.nextNode())&&a.length<i;){if(1===s.nodeType){if(s.hasAttributes())for(const e of s.getAttributeNames())if(e.endsWith(S)){const t=d[n++],r=s.getAttribute(e).split(E),i=/([.?@])?(.*)/.exec(t);a.push({type:1,index:o,name:i[2],strings:r,ctor:"."===i[1]?re:"?"===i[1]?se:"@"===i[1]?oe:te}),s.removeAttribute(e)}else e.startsWith(E)&&(a.push({type:6,index:o}),s.removeAttribute(e));if(O.test(s.tagName)){const e=s.textContent.split(E),t=e.length-1;if(t>0){s.textContent=k?k.emptyScript:"";for(let r=0;r<t;r++)s.append(e[r],T()),W.nextNode(),a.push({type:2,index:++o});s.append(e[t],T())}}}else if(8===s.nodeType)if(s.data===z)a.push({type:2,index:o});else{let e=-1;for(;-1!==(e=s.data.indexOf(E,e+1));)a.push({type:7,index:o}),e+=E.length-1}o++}}static createElement(e,t){const r=C.createElement("template");return r.innerHTML=e,r}}function X(e,t,r=e,s){if(t===F)return t;let o=void 0!==s?r._$Co?.[s]:r._$Cl;const n=M(t)?void 0:t._$litDirective$;return o?.constructor!==n&&(o?._$AO?.(!1),void 0===n?o=void 0:(o=new n(e),o._$AT(e,r,s)),void 0!==s?(r._$Co??=[])[s]=o:r._$Cl=o),void 0!==o&&(t=X(e,o._$AS(e,t.values),o,s)),t}class Y{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){const{el:{content:t},parts:r}=this._$AD,s=(e?.creationScope??C).importNode(t,!0);W.currentNode=s;let o=W.nextNode(),n=0,i=0,a=r[0];for(;void 0!==a;){if(n===a.index){let t;2===a.type?t=new ee(o,o.nextSibling,this,e):1===a.type?t=new a.ctor(o,a.name,a.strings,this,e):6===a.type&&(t=new ne(o,this,e)),this._$AV.push(t),a=r[++i]}n!==a?.index&&(o=W.nextNode(),n++)}return W.currentNode=C,s}p(e){let t=0;for(const r of this._$AV)void 0!==r&&(void 0!==r.strings?(r._$AI(e,r,t),t+=r.strings.length-2):r._$AI(e[t])),t++}}class ee{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,r,s){this.type=2,this._$AH=G,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=r,this.options=s,this._$Cv=s?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode;const t=this._$AM;return void 0!==t&&11===e?.nodeType&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=X(this,e,t),M(e)?e===G||null==e||""===e?(this._$AH!==G&&this._$AR(),this._$AH=G):e!==this._$AH&&e!==F&&this._(e):void 0!==e._$litType$?this.$(e):void 0!==e.nodeType?this.T(e):(e=>D(e)||"function"==typeof e?.[Symbol.iterator])(e)?this.k(e):this._(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==G&&M(this._$AH)?this._$AA.nextSibling.data=e:this.T(C.createTextNode(e)),this._$AH=e}$(e){const{values:t,_$litType$:r}=e,s="number"==typeof r?this._$AC(e):(void 0===r.el&&(r.el=J.createElement(Z(r.h,r.h[0]),this.options)),r);if(this._$AH?._$AD===s)this._$AH.p(t);else{const e=new Y(s,this),r=e.u(this.options);e.p(t),this.T(r),this._$AH=e}}_$AC(e){let t=K.get(e.strings);return void 0===t&&K.set(e.strings,t=new J(e)),t}k(e){D(this._$AH)||(this._$AH=[],this._$AR());const t=this._$AH;let r,s=0;for(const o of e)s===t.length?t.push(r=new ee(this.O(T()),this.O(T()),this,this.options)):r=t[s],r._$AI(o),s++;s<t.length&&(this._$AR(r&&r._$AB.nextSibling,s),t.length=s)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){const t=x(e).nextSibling;x(e).remove(),e=t}}setConnected(e){void 0===this._$AM&&(this._$Cv=e,this._$AP?.(e))}}class te{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,r,s,o){this.type=1,this._$AH=G,this._$AN=void 0,this.element=e,this.name=t,this._$AM=s,this.options=o,r.length>2||""!==r[0]||""!==r[1]?(this._$AH=Array(r.length-1).fill(new String),this.strings=r):this._$AH=G}_$AI(e,t=this,r,s){const o=this.strings;let n=!1;if(void 0===o)e=X(this,e,t,0),n=!M(e)||e!==this._$AH&&e!==F,n&&(this._$AH=e);else{const s=e;let i,a;for(e=o[0],i=0;i<o.length-1;i++)a=X(this,s[r+i],t,i),a===F&&(a=this._$AH[i]),n||=!M(a)||a!==this._$AH[i],a===G?e=G:e!==G&&(e+=(a??"")+o[i+1]),this._$AH[i]=a}n&&!s&&this.j(e)}j(e){e===G?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??"")}}class re extends te{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===G?void 0:e}}class se extends te{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==G)}}class oe extends te{constructor(e,t,r,s,o){super(e,t,r,s,o),this.type=5}_$AI(e,t=this){if((e=X(this,e,t,0)??G)===F)return;const r=this._$AH,s=e===G&&r!==G||e.capture!==r.capture||e.once!==r.once||e.passive!==r.passive,o=e!==G&&(r===G||s);s&&this.element.removeEventListener(this.name,this,r),o&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){"function"==typeof this._$AH?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}}class ne{constructor(e,t,r){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=r}get _$AU(){return this._$AM._$AU}_$AI(e){X(this,e)}}const ie={I:ee},ae=$.litHtmlPolyfillSupport;ae?.(J,ee),($.litHtmlVersions??=[]).push("3.3.3");const le=globalThis;let de=class extends w{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){const e=super.createRenderRoot();return this.renderOptions.renderBefore??=e.firstChild,e}update(e){const t=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(e),this._$Do=((e,t,r)=>{const s=r?.renderBefore??t;let o=s._$litPart$;if(void 0===o){const e=r?.renderBefore??null;s._$litPart$=o=new ee(t.insertBefore(T(),e),e,void 0,r??{})}return o._$AI(e),o})(t,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return F}};de._$litElement$=!0,de.finalized=!0,le.litElementHydrateSupport?.({LitElement:de});const ce=le.litElementPolyfillSupport;function he(e){if("object"==typeof e&&null!==e&&"message"in e){const t=e.message;if("string"==typeof t&&""!==t)return t}return String("object"==typeof e&&null!==e&&"code"in e?e.code:e)}ce?.({LitElement:de}),(le.litElementVersions??=[]).push("4.2.2");const ue=["downloading","seeding","stopped","stalled","checking","queued","errored","active"],pe=["all",...ue],ge={start:"start_torrents",stop:"stop_torrents",recheck:"recheck_torrents",reannounce:"reannounce_torrents"};function _e(e){const t=new Map;for(const{entry_id:r,hash:s}of e){const e=t.get(r);void 0===e?t.set(r,[s]):e.push(s)}return t}async function fe(e,t,r){await e.callService("qbittorrent_multi",t,r,void 0,!1)}async function me(e,t,r,s={}){const o=[..._e(r)].map(([r,o])=>fe(e,t,{...s,server:r,hashes:o})),n=(await Promise.allSettled(o)).filter(e=>"rejected"===e.status);if(n.length>0){const e=[...new Set(n.map(e=>he(e.reason)))];throw new Error(e.join("\n"))}}function ve(e,t=/,/){return e.split(t).map(e=>e.trim()).filter(e=>""!==e)}const be=["name","added_on","progress","size","ratio","download_speed","upload_speed","eta"],ye={state:"all",category:null,tag:null,search:"",sortBy:"name",descending:!1};function we(e){const t=new Set([e.sortBy]);return"all"!==e.state&&t.add("filters"),""!==e.search.trim()&&t.add("name"),null!==e.category&&t.add("category"),null!==e.tag&&t.add("tags"),t}function $e(e,t){if("all"!==t.state&&!e.filters.includes(t.state))return!1;if(null!==t.category&&e.category!==t.category)return!1;if(null!==t.tag&&(""===t.tag?e.tags.length>0:!e.tags.includes(t.tag)))return!1;const r=t.search.trim().toLocaleLowerCase();return""===r||e.name.toLocaleLowerCase().includes(r)}function xe(e,t){const{sortBy:r,descending:s}=e,o=s?-1:1,n=(e,t)=>e.hash<t.hash?-1:e.hash>t.hash?1:e.entry_id<t.entry_id?-1:e.entry_id>t.entry_id?1:0;return(e,s)=>{const i=e[r],a=s[r];if(null===i||null===a)return i===a?n(e,s):null===i?1:-1;let l;return l="name"===r?t.compare(i,a):"string"==typeof i?i<a?-1:i>a?1:0:i-a,0!==l?l*o:n(e,s)}}class ke{store;rows=[];query=ye;moving=we(ye);collator;constructor(e,t="en"){this.store=e,this.collator=Ee(t)}setQuery(e,t){this.query=e,this.moving=we(e),void 0!==t&&(this.collator=Ee(t)),this.rebuild()}rebuild(){this.rows=function(e,t,r){const s=[];for(const r of e)$e(r,t)&&s.push(r);return s.sort(xe(t,r))}(this.store.torrents.values(),this.query,this.collator)}update(e){if(e.reset)return this.rebuild(),!0;const t=new Set([...e.added,...e.removed]);for(const[r,s]of e.changed)Ae(s,this.moving)&&t.add(r);if(0===t.size)return!1;const r=new Set(e.gone.values()),s=[];for(const e of t){const t=this.store.torrents.get(e);void 0!==t&&(r.add(t),$e(t,this.query)&&s.push(t))}const o=this.rows.filter(e=>!r.has(e)),n=xe(this.query,this.collator);return s.sort(n),this.rows=s.length*Math.log2(o.length+2)<o.length?function(e,t,r){let s=0;for(const o of t){let t=e.length;for(;s<t;){const n=s+t>>>1;r(e[n],o)<=0?s=n+1:t=n}e.splice(s,0,o),s+=1}return e}(o,s,n):function(e,t,r){if(0===t.length)return e;const s=new Array(e.length+t.length);let o=0,n=0,i=0;for(;o<e.length&&n<t.length;)s[i++]=r(e[o],t[n])<=0?e[o++]:t[n++];for(;o<e.length;)s[i++]=e[o++];for(;n<t.length;)s[i++]=t[n++];return s}(o,s,n),!0}}function Ae(e,t){for(const r of e)if(t.has(r))return!0;return!1}const Se=new Map;function Ee(e){let t=Se.get(e);return void 0===t&&(t=new Intl.Collator(e,{sensitivity:"base",numeric:!0}),Se.set(e,t)),t}const ze="qbittorrent-multi-card",qe="qbittorrent-multi-card-editor",Ce=["state","progress","size","download_speed","upload_speed","eta","ratio","category","tags","added_on"],Te=["state","progress","size","download_speed","upload_speed","eta","ratio"],Me=new Set(["type","server","title","state","category","tag","columns","compact","rows","sort_by","sort_descending","view_layout","layout_options","grid_options","visibility"]);class De extends Error{}function Ue(e,t){if("object"!=typeof(r=e)||null===r||Array.isArray(r))throw new De(t("config_not_object"));var r;for(const r of Object.keys(e))if(!Me.has(r))throw new De(t("config_unknown_option",{option:r}));const s=r=>{const s=e[r];if(void 0!==s){if("string"!=typeof s)throw new De(t("config_bad_text",{option:r}));return s}},o=r=>{const s=e[r]??!1;if("boolean"!=typeof s)throw new De(t("config_bad_flag",{option:r}));return s},n=(r,s,o)=>{const n=e[r]??o;if(!s.includes(n))throw new De(t("config_bad_choice",{option:r,choices:s.join(", ")}));return n},i=s("server")??"active";if(""===i.trim())throw new De(t("config_bad_text",{option:"server"}));const a=e.rows??8;if("number"!=typeof a||!Number.isInteger(a)||a<1||a>50)throw new De(t("config_bad_rows",{min:1,max:50}));const l=e.columns??Te;if(!Array.isArray(l)||!l.every(e=>Ce.includes(e)))throw new De(t("config_bad_columns",{choices:Ce.join(", ")}));const d={type:s("type")??`custom:${ze}`,server:i,state:n("state",pe,"all"),columns:[...new Set(l)],compact:o("compact"),rows:a,sort_by:n("sort_by",be,"name"),sort_descending:o("sort_descending")},c=s("title");void 0!==c&&(d.title=c);const h=s("category");void 0!==h&&(d.category=h);const u=s("tag");return void 0!==u&&(d.tag=u),d}const Re=["B","KiB","MiB","GiB","TiB","PiB"];class je{formatLocale;numbers=new Map;locale;grouping;dates;constructor(e){this.formatLocale=e,this.locale=Ne(function(e){switch(e.number_format){case"comma_decimal":return["en-US","en"];case"decimal_comma":return["de","es","it"];case"space_comma":return["fr","sv","cs"];case"system":return;default:return e.language}}(e)),this.grouping="none"!==e.number_format,this.dates=new Intl.DateTimeFormat(Ne(e.language),{dateStyle:"medium",timeStyle:"short"})}format(e,t){let r=this.numbers.get(e);return void 0===r&&(r=new Intl.NumberFormat(this.locale,{useGrouping:this.grouping,...t}),this.numbers.set(e,r)),r}number(e,t=0){return this.format(`n${t}`,{maximumFractionDigits:t}).format(e)}fixed(e,t){return this.format(`f${t}`,{minimumFractionDigits:t,maximumFractionDigits:t}).format(e)}size(e){let t=Math.max(0,e),r=0;for(;t>=1024&&r<Re.length-1;)t/=1024,r+=1;const s=0===r||t>=100?0:t>=10?1:2;return`${this.fixed(t,s)} ${Re[r]??"B"}`}speed(e){return`${this.size(e)}/s`}percent(e){return this.format("percent",{style:"percent",maximumFractionDigits:1}).format(e/100)}ratio(e){return this.format("ratio",{minimumFractionDigits:2,maximumFractionDigits:2}).format(e)}millis(e){return this.format("ms",{style:"unit",unit:"millisecond",unitDisplay:"short",maximumFractionDigits:0}).format(e)}duration(e){if(null===e)return"∞";const t=[["day",86400],["hour",3600],["minute",60],["second",1]];let r=Math.max(0,Math.round(e));const s=[];for(const[e,o]of t){const t=Math.floor(r/o);if(r-=t*o,(t>0||0===s.length&&"second"===e)&&s.push(this.format(`u-${e??""}`,{style:"unit",unit:e,unitDisplay:"narrow"}).format(t)),2===s.length)break;if(1===s.length&&0===t)break}return s.join(" ")}date(e){if(null===e)return"";const t=new Date(e);return Number.isNaN(t.getTime())?"":this.dates.format(t)}}function Ne(e){try{return new Intl.NumberFormat(e),e}catch{return"en"}}const Le=["#03a9f4","#ff9800","#4caf50","#9c27b0","#e91e63","#009688","#795548","#3f51b5","#cddc39","#607d8b"];class Pe{loaded=!1;activeEntryId=null;servers=[];listeners=new Set;subscribe(e){return this.listeners.add(e),()=>this.listeners.delete(e)}apply(e){this.servers=e.servers,this.activeEntryId=e.active_entry_id,this.loaded=!0;for(const e of this.listeners)e()}clear(){this.servers=[],this.activeEntryId=null,this.loaded=!1;for(const e of this.listeners)e()}server(e){return this.servers.find(t=>t.entry_id===e)}color(e,t=null){if(t)return t;const r=this.servers.findIndex(t=>t.entry_id===e),s=r>=0?this.servers[r]:void 0;return s?.color?s.color:Le[(r>=0?r:0)%Le.length]??Le[0]}}function Be(e,t){return`${e} ${t}`}function Oe(e){return Be(e.entry_id,e.hash)}class Ie{reset=!1;servers=!1;added=new Set;removed=new Set;gone=new Map;changed=new Map;get empty(){return!this.reset&&!this.servers&&0===this.added.size&&0===this.removed.size&&0===this.changed.size}merge(e){this.reset||=e.reset,this.servers||=e.servers;for(const t of e.added)this.added.add(t);for(const t of e.removed)this.removed.add(t);for(const[t,r]of e.gone)this.gone.set(t,r);for(const[t,r]of e.changed){const e=this.changed.get(t);if(void 0===e)this.changed.set(t,new Set(r));else for(const t of r)e.add(t)}}}const He=new Set(ue);function Ve(){const e={total:0};for(const t of ue)e[t]=0;return e}class Fe{loaded=!1;view=null;activeEntryId=null;servers=new Map;torrents=new Map;counts=Ve();listeners=new Set;subscribe(e){return this.listeners.add(e),()=>this.listeners.delete(e)}count(e){return this.counts["all"===e?"total":e]}clear(){this.servers.clear(),this.torrents.clear(),this.counts=Ve(),this.loaded=!1,this.view=null,this.activeEntryId=null;const e=new Ie;e.reset=!0,e.servers=!0,this.notify(e)}apply(e){const t=new Ie;switch(e.kind){case"snapshot":this.applySnapshot(e,t);break;case"delta":this.applyDelta(e,t);break;case"server":this.servers.set(e.server.entry_id,e.server),t.servers=!0;break;case"server_removed":this.removeServer(e.entry_id,t)}return this.notify(t),t}notify(e){for(const t of this.listeners)t(e)}applySnapshot(e,t){this.servers.clear(),this.torrents.clear(),this.counts=Ve(),this.view=e.view,this.activeEntryId=e.active_entry_id;for(const t of e.servers)this.servers.set(t.entry_id,t);for(const t of e.torrents)this.torrents.set(Oe(t),t),this.countIn(t.filters,1);this.loaded=!0,t.reset=!0,t.servers=!0}applyDelta(e,t){const r=e.entry_id;for(const s of e.removed??[]){const e=Be(r,s),o=this.torrents.get(e);void 0!==o&&(this.torrents.delete(e),this.countIn(o.filters,-1),t.removed.add(e),t.gone.set(e,o),t.added.delete(e),t.changed.delete(e))}for(const s of e.added??[]){const e=Be(r,s.hash),o=this.torrents.get(e);void 0!==o&&(this.countIn(o.filters,-1),t.gone.set(e,o));const n={...s,entry_id:r};this.torrents.set(e,n),this.countIn(n.filters,1),t.added.add(e)}for(const s of e.changed??[]){const e=Be(r,s.hash),o=this.torrents.get(e);if(void 0===o)continue;const n=new Set;for(const e of Object.keys(s))"hash"!==e&&"entry_id"!==e&&n.add(e);if(0===n.size)continue;n.has("filters")&&this.countIn(o.filters,-1);const{hash:i,entry_id:a}=o;Object.assign(o,s,{hash:i,entry_id:a}),n.has("filters")&&this.countIn(o.filters,1);const l=t.changed.get(e);if(void 0===l)t.changed.set(e,n);else for(const e of n)l.add(e)}const s=this.servers.get(r);void 0===s||void 0===e.categories&&void 0===e.tags||(this.servers.set(r,{...s,categories:e.categories??s.categories,tags:e.tags??s.tags}),t.servers=!0)}removeServer(e,t){this.servers.delete(e),t.servers=!0;for(const[r,s]of this.torrents)s.entry_id===e&&(this.torrents.delete(r),this.countIn(s.filters,-1),t.removed.add(r),t.gone.set(r,s))}countIn(e,t){this.counts.total+=t;for(const r of e)He.has(r)&&(this.counts[r]+=t)}}const Ge=e=>{requestAnimationFrame(()=>{e()})};class Ke{host;schedule;watchTorrents;torrents=new Fe;fleet=new Pe;error=null;hass;server="active";connected=!1;torrentsSubscription;subscribedServer;fleetSubscription;pending=new Ie;framePending=!1;constructor(e,t=Ge,r=!0){this.host=e,this.schedule=t,this.watchTorrents=r,e.addController(this),this.torrents.subscribe(e=>{this.pending.merge(e),this.requestFrame()}),this.fleet.subscribe(()=>{this.pending.servers=!0,this.requestFrame()})}setHass(e){this.hass=e,this.sync()}setServer(e){this.server=e,this.sync()}hostConnected(){this.connected=!0,this.sync()}hostDisconnected(){this.connected=!1,this.sync()}takeChanges(){const e=this.pending;return this.pending=new Ie,e}requestFrame(){this.framePending||(this.framePending=!0,this.schedule(()=>{this.framePending=!1,this.host.requestUpdate()}))}sync(){const e=this.connected?this.hass?.connection:void 0;if(this.fleetSubscription&&this.fleetSubscription.connection!==e&&(We(this.fleetSubscription),this.fleetSubscription=void 0,this.fleet.clear()),!this.torrentsSubscription||this.torrentsSubscription.connection===e&&this.subscribedServer===this.server||(We(this.torrentsSubscription),this.torrentsSubscription=void 0,this.subscribedServer=void 0,this.torrents.clear()),void 0!==e){if(void 0===this.fleetSubscription){const t={connection:e,unsubscribe:Promise.resolve(void 0)};this.fleetSubscription=t,this.subscribe(t,{type:"qbittorrent_multi/servers/subscribe"},e=>{this.fleet.apply(e)})}if(this.watchTorrents&&void 0===this.torrentsSubscription){const t={connection:e,unsubscribe:Promise.resolve(void 0)};this.error=null,this.subscribedServer=this.server,this.torrentsSubscription=t,this.subscribe(t,{type:"qbittorrent_multi/torrents/subscribe",server:this.server},e=>{this.torrents.apply(e)},e=>{this.error=e,this.requestFrame()})}}}subscribe(e,t,r,s){const o=()=>e===this.fleetSubscription||e===this.torrentsSubscription;e.unsubscribe=e.connection.subscribeMessage(e=>{o()&&r(e)},t).catch(e=>{o()&&s?.(he(e))})}}function We(e){e.unsubscribe.then(e=>e?.()).catch(()=>{})}const Ze={card_name:"qBittorrent torrents",card_description:"Every qBittorrent server's torrents, live, with controls to start, stop, add and delete them.",torrents:"Torrents",all_servers:"All servers",active_server:"Active server",server:"Server",choose_view:"Choose the server to show",response_time:"Response time",health_healthy:"Healthy",health_warning:"Warning",health_unhealthy:"Unhealthy",health_unknown:"Not loaded",download_speed:"Download speed",upload_speed:"Upload speed",state_filters:"State",filter_all:"All",state_downloading:"Downloading",state_seeding:"Seeding",state_stopped:"Stopped",state_stalled:"Stalled",state_checking:"Checking",state_queued:"Queued",state_errored:"Errored",state_active:"Active",state_moving:"Moving",state_metadata:"Fetching metadata",state_unknown:"Unknown",category:"Category",any_category:"All categories",no_category:"No category",tag:"Tag",tags:"Tags",any_tag:"All tags",no_tag:"No tags",search:"Search by name",sort_by:"Sort by",sort_name:"Name",sort_added_on:"Added on",sort_progress:"Progress",sort_size:"Size",sort_ratio:"Ratio",sort_download_speed:"Download speed",sort_upload_speed:"Upload speed",sort_eta:"Time left",ascending:"Ascending",descending:"Descending",select_all:"Select all shown torrents",select_torrent:"Select {name}",shown_count:"{count} torrents",selected:"{count} selected",clear_selection:"Clear selection",torrent_actions:"Actions for {name}",start:"Start",stop:"Stop",recheck:"Recheck",reannounce:"Reannounce",set_category:"Set category",add_tags:"Add tags",remove_tags:"Remove tags",delete:"Delete",delete_with_files:"Delete with files",delete_one_title:"Delete {name}?",delete_many_title:"Delete {count} torrents?",delete_keeps_data:"The torrents are removed from qBittorrent. Their downloaded data stays on disk.",delete_removes_data:"The torrents are removed from qBittorrent and their downloaded data is deleted from disk. This cannot be undone.",cancel:"Cancel",close:"Close",save:"Save",add:"Add",add_torrent:"Add torrent",links:"Magnet links or URLs",links_help:"One per line.",tags_help:"Separated by commas.",category_help:"Leave it empty to remove the category.",add_stopped:"Add stopped",links_required:"Give at least one magnet link or URL.",tags_required:"Give at least one tag.",save_path:"Save path",added_on:"Added on",size:"Size",progress:"Progress",ratio:"Ratio",eta:"Time left",state:"State",loading:"Loading…",no_torrents:"No torrents",no_match:"No torrent matches the filters",no_active_server:"No server is active",server_unavailable:"{server} is unavailable",server_unavailable_because:"{server} is unavailable: {error}",subscribe_failed:"The torrents cannot be shown: {error}",dismiss:"Dismiss",editor_server:"Server",editor_state:"Initial state filter",editor_category:"Initial category",editor_tag:"Initial tag",editor_columns:"Columns",editor_compact:"Compact layout",editor_rows:"Rows shown",editor_sort:"Sort by",editor_descending:"Descending",editor_title:"Title",config_not_object:"The card configuration must be a mapping.",config_unknown_option:"Unknown option: {option}",config_bad_choice:"{option} must be one of: {choices}",config_bad_text:"{option} must be a text",config_bad_flag:"{option} must be true or false",config_bad_rows:"rows must be a whole number from {min} to {max}",config_bad_columns:"columns must be a list of: {choices}"},Qe={de:{card_name:"qBittorrent-Torrents",card_description:"Die Torrents aller qBittorrent-Server, live, mit Steuerelementen zum Starten, Anhalten, Hinzufügen und Löschen.",torrents:"Torrents",all_servers:"Alle Server",active_server:"Aktiver Server",server:"Server",choose_view:"Anzuzeigenden Server wählen",response_time:"Antwortzeit",health_healthy:"Gesund",health_warning:"Warnung",health_unhealthy:"Gestört",health_unknown:"Nicht geladen",download_speed:"Download-Geschwindigkeit",upload_speed:"Upload-Geschwindigkeit",state_filters:"Status",filter_all:"Alle",state_downloading:"Herunterladend",state_seeding:"Verteilend",state_stopped:"Angehalten",state_stalled:"Blockiert",state_checking:"Wird geprüft",state_queued:"Eingereiht",state_errored:"Fehlerhaft",state_active:"Aktiv",state_moving:"Wird verschoben",state_metadata:"Metadaten werden abgerufen",state_unknown:"Unbekannt",category:"Kategorie",any_category:"Alle Kategorien",no_category:"Keine Kategorie",tag:"Tag",tags:"Tags",any_tag:"Alle Tags",no_tag:"Keine Tags",search:"Nach Namen suchen",sort_by:"Sortieren nach",sort_name:"Name",sort_added_on:"Hinzugefügt am",sort_progress:"Fortschritt",sort_size:"Größe",sort_ratio:"Verhältnis",sort_download_speed:"Download-Geschwindigkeit",sort_upload_speed:"Upload-Geschwindigkeit",sort_eta:"Verbleibende Zeit",ascending:"Aufsteigend",descending:"Absteigend",select_all:"Alle angezeigten Torrents auswählen",select_torrent:"{name} auswählen",shown_count:"{count} Torrents",selected:"{count} ausgewählt",clear_selection:"Auswahl aufheben",torrent_actions:"Aktionen für {name}",start:"Starten",stop:"Anhalten",recheck:"Erneut prüfen",reannounce:"Erneut ankündigen",set_category:"Kategorie festlegen",add_tags:"Tags hinzufügen",remove_tags:"Tags entfernen",delete:"Löschen",delete_with_files:"Mit Dateien löschen",delete_one_title:"{name} löschen?",delete_many_title:"{count} Torrents löschen?",delete_keeps_data:"Die Torrents werden aus qBittorrent entfernt. Ihre heruntergeladenen Daten bleiben auf dem Datenträger.",delete_removes_data:"Die Torrents werden aus qBittorrent entfernt und ihre heruntergeladenen Daten werden vom Datenträger gelöscht. Das kann nicht rückgängig gemacht werden.",cancel:"Abbrechen",close:"Schließen",save:"Speichern",add:"Hinzufügen",add_torrent:"Torrent hinzufügen",links:"Magnet-Links oder URLs",links_help:"Einer pro Zeile.",tags_help:"Durch Kommas getrennt.",category_help:"Leer lassen, um die Kategorie zu entfernen.",add_stopped:"Angehalten hinzufügen",links_required:"Gib mindestens einen Magnet-Link oder eine URL an.",tags_required:"Gib mindestens einen Tag an.",save_path:"Speicherpfad",added_on:"Hinzugefügt am",size:"Größe",progress:"Fortschritt",ratio:"Verhältnis",eta:"Verbleibende Zeit",state:"Status",loading:"Wird geladen…",no_torrents:"Keine Torrents",no_match:"Kein Torrent entspricht den Filtern",no_active_server:"Kein Server ist aktiv",server_unavailable:"{server} ist nicht verfügbar",server_unavailable_because:"{server} ist nicht verfügbar: {error}",subscribe_failed:"Die Torrents können nicht angezeigt werden: {error}",dismiss:"Ausblenden",editor_server:"Server",editor_state:"Anfänglicher Statusfilter",editor_category:"Anfängliche Kategorie",editor_tag:"Anfänglicher Tag",editor_columns:"Spalten",editor_compact:"Kompakte Darstellung",editor_rows:"Angezeigte Zeilen",editor_sort:"Sortieren nach",editor_descending:"Absteigend",editor_title:"Titel",config_not_object:"Die Kartenkonfiguration muss eine Zuordnung sein.",config_unknown_option:"Unbekannte Option: {option}",config_bad_choice:"{option} muss einer dieser Werte sein: {choices}",config_bad_text:"{option} muss ein Text sein",config_bad_flag:"{option} muss true oder false sein",config_bad_rows:"rows muss eine ganze Zahl von {min} bis {max} sein",config_bad_columns:"columns muss eine Liste aus diesen Werten sein: {choices}"},es:{card_name:"Torrents de qBittorrent",card_description:"Los torrents de todos los servidores qBittorrent, en directo, con controles para iniciarlos, detenerlos, añadirlos y eliminarlos.",torrents:"Torrents",all_servers:"Todos los servidores",active_server:"Servidor activo",server:"Servidor",choose_view:"Elegir el servidor que se muestra",response_time:"Tiempo de respuesta",health_healthy:"Sano",health_warning:"Advertencia",health_unhealthy:"Con problemas",health_unknown:"No cargado",download_speed:"Velocidad de descarga",upload_speed:"Velocidad de subida",state_filters:"Estado",filter_all:"Todos",state_downloading:"Descargando",state_seeding:"Sembrando",state_stopped:"Detenido",state_stalled:"Estancado",state_checking:"Comprobando",state_queued:"En cola",state_errored:"Con error",state_active:"Activo",state_moving:"Moviendo",state_metadata:"Obteniendo metadatos",state_unknown:"Desconocido",category:"Categoría",any_category:"Todas las categorías",no_category:"Sin categoría",tag:"Etiqueta",tags:"Etiquetas",any_tag:"Todas las etiquetas",no_tag:"Sin etiquetas",search:"Buscar por nombre",sort_by:"Ordenar por",sort_name:"Nombre",sort_added_on:"Añadido el",sort_progress:"Progreso",sort_size:"Tamaño",sort_ratio:"Ratio",sort_download_speed:"Velocidad de descarga",sort_upload_speed:"Velocidad de subida",sort_eta:"Tiempo restante",ascending:"Ascendente",descending:"Descendente",select_all:"Seleccionar todos los torrents mostrados",select_torrent:"Seleccionar {name}",shown_count:"{count} torrents",selected:"{count} seleccionados",clear_selection:"Borrar la selección",torrent_actions:"Acciones para {name}",start:"Iniciar",stop:"Detener",recheck:"Volver a comprobar",reannounce:"Volver a anunciar",set_category:"Establecer categoría",add_tags:"Añadir etiquetas",remove_tags:"Quitar etiquetas",delete:"Eliminar",delete_with_files:"Eliminar con los archivos",delete_one_title:"¿Eliminar {name}?",delete_many_title:"¿Eliminar {count} torrents?",delete_keeps_data:"Los torrents se quitan de qBittorrent. Sus datos descargados se quedan en el disco.",delete_removes_data:"Los torrents se quitan de qBittorrent y sus datos descargados se borran del disco. Esto no se puede deshacer.",cancel:"Cancelar",close:"Cerrar",save:"Guardar",add:"Añadir",add_torrent:"Añadir torrent",links:"Enlaces magnet o URL",links_help:"Uno por línea.",tags_help:"Separadas por comas.",category_help:"Déjalo vacío para quitar la categoría.",add_stopped:"Añadir detenidos",links_required:"Indica al menos un enlace magnet o una URL.",tags_required:"Indica al menos una etiqueta.",save_path:"Ruta de guardado",added_on:"Añadido el",size:"Tamaño",progress:"Progreso",ratio:"Ratio",eta:"Tiempo restante",state:"Estado",loading:"Cargando…",no_torrents:"No hay torrents",no_match:"Ningún torrent coincide con los filtros",no_active_server:"Ningún servidor está activo",server_unavailable:"{server} no está disponible",server_unavailable_because:"{server} no está disponible: {error}",subscribe_failed:"No se pueden mostrar los torrents: {error}",dismiss:"Descartar",editor_server:"Servidor",editor_state:"Filtro de estado inicial",editor_category:"Categoría inicial",editor_tag:"Etiqueta inicial",editor_columns:"Columnas",editor_compact:"Diseño compacto",editor_rows:"Filas mostradas",editor_sort:"Ordenar por",editor_descending:"Descendente",editor_title:"Título",config_not_object:"La configuración de la tarjeta debe ser un diccionario.",config_unknown_option:"Opción desconocida: {option}",config_bad_choice:"{option} debe ser uno de: {choices}",config_bad_text:"{option} debe ser un texto",config_bad_flag:"{option} debe ser true o false",config_bad_rows:"rows debe ser un número entero de {min} a {max}",config_bad_columns:"columns debe ser una lista de: {choices}"},fr:{card_name:"Torrents qBittorrent",card_description:"Les torrents de tous les serveurs qBittorrent, en direct, avec des commandes pour les démarrer, les arrêter, les ajouter et les supprimer.",torrents:"Torrents",all_servers:"Tous les serveurs",active_server:"Serveur actif",server:"Serveur",choose_view:"Choisir le serveur à afficher",response_time:"Temps de réponse",health_healthy:"En bonne santé",health_warning:"Avertissement",health_unhealthy:"En mauvaise santé",health_unknown:"Non chargé",download_speed:"Vitesse de téléchargement",upload_speed:"Vitesse d'envoi",state_filters:"État",filter_all:"Tous",state_downloading:"En téléchargement",state_seeding:"En partage",state_stopped:"Arrêté",state_stalled:"Bloqué",state_checking:"En vérification",state_queued:"En file d'attente",state_errored:"En erreur",state_active:"Actif",state_moving:"Déplacement",state_metadata:"Récupération des métadonnées",state_unknown:"Inconnu",category:"Catégorie",any_category:"Toutes les catégories",no_category:"Sans catégorie",tag:"Étiquette",tags:"Étiquettes",any_tag:"Toutes les étiquettes",no_tag:"Sans étiquette",search:"Rechercher par nom",sort_by:"Trier par",sort_name:"Nom",sort_added_on:"Date d'ajout",sort_progress:"Progression",sort_size:"Taille",sort_ratio:"Ratio",sort_download_speed:"Vitesse de téléchargement",sort_upload_speed:"Vitesse d'envoi",sort_eta:"Temps restant",ascending:"Croissant",descending:"Décroissant",select_all:"Sélectionner tous les torrents affichés",select_torrent:"Sélectionner {name}",shown_count:"{count} torrents",selected:"{count} sélectionné(s)",clear_selection:"Effacer la sélection",torrent_actions:"Actions pour {name}",start:"Démarrer",stop:"Arrêter",recheck:"Revérifier",reannounce:"Réannoncer",set_category:"Définir la catégorie",add_tags:"Ajouter des étiquettes",remove_tags:"Retirer des étiquettes",delete:"Supprimer",delete_with_files:"Supprimer avec les fichiers",delete_one_title:"Supprimer {name} ?",delete_many_title:"Supprimer {count} torrents ?",delete_keeps_data:"Les torrents sont retirés de qBittorrent. Leurs données téléchargées restent sur le disque.",delete_removes_data:"Les torrents sont retirés de qBittorrent et leurs données téléchargées sont supprimées du disque. Cette action est irréversible.",cancel:"Annuler",close:"Fermer",save:"Enregistrer",add:"Ajouter",add_torrent:"Ajouter un torrent",links:"Liens magnet ou URL",links_help:"Un par ligne.",tags_help:"Séparées par des virgules.",category_help:"Laissez vide pour retirer la catégorie.",add_stopped:"Ajouter à l'arrêt",links_required:"Indiquez au moins un lien magnet ou une URL.",tags_required:"Indiquez au moins une étiquette.",save_path:"Chemin d'enregistrement",added_on:"Date d'ajout",size:"Taille",progress:"Progression",ratio:"Ratio",eta:"Temps restant",state:"État",loading:"Chargement…",no_torrents:"Aucun torrent",no_match:"Aucun torrent ne correspond aux filtres",no_active_server:"Aucun serveur n'est actif",server_unavailable:"{server} est indisponible",server_unavailable_because:"{server} est indisponible : {error}",subscribe_failed:"Les torrents ne peuvent pas être affichés : {error}",dismiss:"Ignorer",editor_server:"Serveur",editor_state:"Filtre d'état initial",editor_category:"Catégorie initiale",editor_tag:"Étiquette initiale",editor_columns:"Colonnes",editor_compact:"Disposition compacte",editor_rows:"Lignes affichées",editor_sort:"Trier par",editor_descending:"Décroissant",editor_title:"Titre",config_not_object:"La configuration de la carte doit être un dictionnaire.",config_unknown_option:"Option inconnue : {option}",config_bad_choice:"{option} doit être l'une de ces valeurs : {choices}",config_bad_text:"{option} doit être un texte",config_bad_flag:"{option} doit valoir true ou false",config_bad_rows:"rows doit être un nombre entier de {min} à {max}",config_bad_columns:"columns doit être une liste parmi : {choices}"},nl:{card_name:"qBittorrent-torrents",card_description:"De torrents van elke qBittorrent-server, live, met knoppen om ze te starten, te stoppen, toe te voegen en te verwijderen.",torrents:"Torrents",all_servers:"Alle servers",active_server:"Actieve server",server:"Server",choose_view:"Kies de server om te tonen",response_time:"Responstijd",health_healthy:"Gezond",health_warning:"Waarschuwing",health_unhealthy:"Ongezond",health_unknown:"Niet geladen",download_speed:"Downloadsnelheid",upload_speed:"Uploadsnelheid",state_filters:"Status",filter_all:"Alle",state_downloading:"Downloaden",state_seeding:"Seeden",state_stopped:"Gestopt",state_stalled:"Vastgelopen",state_checking:"Controleren",state_queued:"In wachtrij",state_errored:"Met fout",state_active:"Actief",state_moving:"Verplaatsen",state_metadata:"Metadata ophalen",state_unknown:"Onbekend",category:"Categorie",any_category:"Alle categorieën",no_category:"Geen categorie",tag:"Label",tags:"Labels",any_tag:"Alle labels",no_tag:"Geen labels",search:"Zoeken op naam",sort_by:"Sorteren op",sort_name:"Naam",sort_added_on:"Toegevoegd op",sort_progress:"Voortgang",sort_size:"Grootte",sort_ratio:"Ratio",sort_download_speed:"Downloadsnelheid",sort_upload_speed:"Uploadsnelheid",sort_eta:"Resterende tijd",ascending:"Oplopend",descending:"Aflopend",select_all:"Alle getoonde torrents selecteren",select_torrent:"{name} selecteren",shown_count:"{count} torrents",selected:"{count} geselecteerd",clear_selection:"Selectie wissen",torrent_actions:"Acties voor {name}",start:"Starten",stop:"Stoppen",recheck:"Opnieuw controleren",reannounce:"Opnieuw aankondigen",set_category:"Categorie instellen",add_tags:"Labels toevoegen",remove_tags:"Labels verwijderen",delete:"Verwijderen",delete_with_files:"Verwijderen met bestanden",delete_one_title:"{name} verwijderen?",delete_many_title:"{count} torrents verwijderen?",delete_keeps_data:"De torrents worden uit qBittorrent verwijderd. Hun gedownloade gegevens blijven op de schijf staan.",delete_removes_data:"De torrents worden uit qBittorrent verwijderd en hun gedownloade gegevens worden van de schijf gewist. Dit kan niet ongedaan worden gemaakt.",cancel:"Annuleren",close:"Sluiten",save:"Opslaan",add:"Toevoegen",add_torrent:"Torrent toevoegen",links:"Magnetlinks of URL's",links_help:"Eén per regel.",tags_help:"Gescheiden door komma's.",category_help:"Laat leeg om de categorie te verwijderen.",add_stopped:"Gestopt toevoegen",links_required:"Geef ten minste één magnetlink of URL op.",tags_required:"Geef ten minste één label op.",save_path:"Opslagpad",added_on:"Toegevoegd op",size:"Grootte",progress:"Voortgang",ratio:"Ratio",eta:"Resterende tijd",state:"Status",loading:"Laden…",no_torrents:"Geen torrents",no_match:"Geen torrent voldoet aan de filters",no_active_server:"Er is geen server actief",server_unavailable:"{server} is niet beschikbaar",server_unavailable_because:"{server} is niet beschikbaar: {error}",subscribe_failed:"De torrents kunnen niet worden getoond: {error}",dismiss:"Sluiten",editor_server:"Server",editor_state:"Beginfilter voor status",editor_category:"Begincategorie",editor_tag:"Beginlabel",editor_columns:"Kolommen",editor_compact:"Compacte weergave",editor_rows:"Getoonde rijen",editor_sort:"Sorteren op",editor_descending:"Aflopend",editor_title:"Titel",config_not_object:"De kaartconfiguratie moet een mapping zijn.",config_unknown_option:"Onbekende optie: {option}",config_bad_choice:"{option} moet een van deze zijn: {choices}",config_bad_text:"{option} moet een tekst zijn",config_bad_flag:"{option} moet true of false zijn",config_bad_rows:"rows moet een geheel getal van {min} tot en met {max} zijn",config_bad_columns:"columns moet een lijst zijn van: {choices}"},"zh-Hans":{card_name:"qBittorrent 种子",card_description:"实时显示所有 qBittorrent 服务器的种子，并可启动、停止、添加和删除它们。",torrents:"种子",all_servers:"所有服务器",active_server:"活动服务器",server:"服务器",choose_view:"选择要显示的服务器",response_time:"响应时间",health_healthy:"健康",health_warning:"警告",health_unhealthy:"不健康",health_unknown:"未加载",download_speed:"下载速度",upload_speed:"上传速度",state_filters:"状态",filter_all:"全部",state_downloading:"下载中",state_seeding:"做种中",state_stopped:"已停止",state_stalled:"停滞",state_checking:"校验中",state_queued:"排队中",state_errored:"出错",state_active:"活动",state_moving:"正在移动",state_metadata:"正在获取元数据",state_unknown:"未知",category:"分类",any_category:"所有分类",no_category:"无分类",tag:"标签",tags:"标签",any_tag:"所有标签",no_tag:"无标签",search:"按名称搜索",sort_by:"排序方式",sort_name:"名称",sort_added_on:"添加时间",sort_progress:"进度",sort_size:"大小",sort_ratio:"分享率",sort_download_speed:"下载速度",sort_upload_speed:"上传速度",sort_eta:"剩余时间",ascending:"升序",descending:"降序",select_all:"选择所有显示的种子",select_torrent:"选择 {name}",shown_count:"{count} 个种子",selected:"已选择 {count} 个",clear_selection:"清除选择",torrent_actions:"{name} 的操作",start:"启动",stop:"停止",recheck:"重新校验",reannounce:"重新汇报",set_category:"设置分类",add_tags:"添加标签",remove_tags:"移除标签",delete:"删除",delete_with_files:"连同文件删除",delete_one_title:"删除 {name}？",delete_many_title:"删除 {count} 个种子？",delete_keeps_data:"这些种子将从 qBittorrent 中移除。已下载的数据保留在磁盘上。",delete_removes_data:"这些种子将从 qBittorrent 中移除，已下载的数据也会从磁盘上删除。此操作无法撤销。",cancel:"取消",close:"关闭",save:"保存",add:"添加",add_torrent:"添加种子",links:"磁力链接或 URL",links_help:"每行一个。",tags_help:"用逗号分隔。",category_help:"留空以移除分类。",add_stopped:"添加后暂不开始",links_required:"请至少提供一个磁力链接或 URL。",tags_required:"请至少提供一个标签。",save_path:"保存路径",added_on:"添加时间",size:"大小",progress:"进度",ratio:"分享率",eta:"剩余时间",state:"状态",loading:"正在加载…",no_torrents:"没有种子",no_match:"没有符合筛选条件的种子",no_active_server:"没有活动的服务器",server_unavailable:"{server} 不可用",server_unavailable_because:"{server} 不可用：{error}",subscribe_failed:"无法显示种子：{error}",dismiss:"忽略",editor_server:"服务器",editor_state:"初始状态筛选",editor_category:"初始分类",editor_tag:"初始标签",editor_columns:"列",editor_compact:"紧凑布局",editor_rows:"显示的行数",editor_sort:"排序方式",editor_descending:"降序",editor_title:"标题",config_not_object:"卡片配置必须是一个映射。",config_unknown_option:"未知选项：{option}",config_bad_choice:"{option} 必须是以下之一：{choices}",config_bad_text:"{option} 必须是文本",config_bad_flag:"{option} 必须为 true 或 false",config_bad_rows:"rows 必须是 {min} 到 {max} 之间的整数",config_bad_columns:"columns 必须是以下值的列表：{choices}"}};function Je(e){const t=function(e){const t=Qe[e];if(void 0!==t)return t;const r=e.split("-")[0]??e;return"zh"!==r||/Hant|TW|HK|MO/.test(e)?Qe[r]:Qe["zh-Hans"]}(e);return(e,r)=>{let s=t?.[e]??Ze[e];if(void 0!==r)for(const[e,t]of Object.entries(r))s=s.replaceAll(`{${e}}`,String(t));return s}}const Xe=e=>V`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${e}</svg>`,Ye={start:Xe(V`<path d="M8 5v14l11-7z" fill="currentColor"/>`),stop:Xe(V`<rect x="6" y="6" width="12" height="12" rx="1" fill="currentColor"/>`),recheck:Xe(V`<path d="M5 12a7 7 0 1 0 2-5" fill="none" stroke="currentColor" stroke-width="2"/><path d="M4 3v5h5" fill="none" stroke="currentColor" stroke-width="2"/>`),reannounce:Xe(V`<path d="M4 10v4h3l5 4V6L7 10z" fill="currentColor"/><path d="M15 9a4 4 0 0 1 0 6M17.5 6.5a7.5 7.5 0 0 1 0 11" fill="none" stroke="currentColor" stroke-width="2"/>`),category:Xe(V`<path d="M3 6h7l2 2h9v11H3z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>`),tag:Xe(V`<path d="M3 12V4h8l10 10-8 8z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><circle cx="7.5" cy="8.5" r="1.5" fill="currentColor"/>`),untag:Xe(V`<path d="M3 12V4h8l10 10-8 8z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><path d="M8 13l5-5" stroke="currentColor" stroke-width="2"/>`),delete:Xe(V`<path d="M6 7h12l-1 14H7zM4 7h16M9 7V4h6v3" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>`),deleteFiles:Xe(V`<path d="M6 7h12l-1 14H7zM4 7h16M9 7V4h6v3" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><path d="M10 11l4 6M14 11l-4 6" stroke="currentColor" stroke-width="2"/>`),add:Xe(V`<path d="M12 5v14M5 12h14" stroke="currentColor" stroke-width="2.2"/>`),close:Xe(V`<path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.2"/>`),dropdown:Xe(V`<path d="M7 10l5 5 5-5z" fill="currentColor"/>`),ascending:Xe(V`<path d="M12 19V6M6 11l6-6 6 6" fill="none" stroke="currentColor" stroke-width="2"/>`),descending:Xe(V`<path d="M12 5v13M6 13l6 6 6-6" fill="none" stroke="currentColor" stroke-width="2"/>`),search:Xe(V`<circle cx="10" cy="10" r="6" fill="none" stroke="currentColor" stroke-width="2"/><path d="M15 15l5 5" stroke="currentColor" stroke-width="2.2"/>`),download:Xe(V`<path d="M12 4v13M6 12l6 6 6-6" fill="none" stroke="currentColor" stroke-width="2"/>`),upload:Xe(V`<path d="M12 20V7M6 12l6-6 6 6" fill="none" stroke="currentColor" stroke-width="2"/>`),check:Xe(V`<path d="M5 12l5 5 9-10" fill="none" stroke="currentColor" stroke-width="2.2"/>`)};function et(e,t){return H`<h2 class="dialog-title" id="dialog-title">
    <span>${t}</span>
    <button
      class="icon-button"
      aria-label=${e.localize("close")}
      data-testid="dialog-close"
      @click=${e.close}
    >
      ${Ye.close}
    </button>
  </h2>`}function tt(e){return null===e.error?G:H`<div class="alert" role="alert" data-testid="action-error"><span>${e.error}</span></div>`}const rt=[{action:"start",icon:"start"},{action:"stop",icon:"stop"},{action:"recheck",icon:"recheck"},{action:"reannounce",icon:"reannounce"},{action:"category",icon:"category"},{action:"add_tags",icon:"tag"},{action:"remove_tags",icon:"untag"},{action:"delete",icon:"delete",danger:!0},{action:"delete_with_files",icon:"deleteFiles",danger:!0}],st={start:"start",stop:"stop",recheck:"recheck",reannounce:"reannounce",category:"set_category",add_tags:"add_tags",remove_tags:"remove_tags",delete:"delete",delete_with_files:"delete_with_files"};function ot(e,t,r,s="button"){return rt.map(({action:o,icon:n,danger:i})=>H`<button
      class="${s} ${i?"danger":""}"
      data-action=${o}
      ?disabled=${t}
      title=${e(st[o])}
      @click=${()=>{r(o)}}
    >
      ${Ye[n]}<span class=${"icon-button"===s?"visually-hidden":""}
        >${e(st[o])}</span
      >
    </button>`)}function nt(e){return e.map(e=>H`<option value=${e}></option>`)}function it(e){for(const t of e.querySelectorAll("select[data-value]")){const e=t.dataset.value??"";t.value!==e&&(t.value=e)}}const at=n`
  :host {
    display: block;
    /* In a dashboard's grid or column, the chips' width must not widen the card. */
    min-width: 0;
    --qbm-gap: 8px;
    --qbm-chip-background: var(--secondary-background-color, #f0f0f0);
    --qbm-selected-background: rgba(var(--rgb-primary-color, 3, 169, 244), 0.12);
  }
  ha-card {
    container-type: inline-size;
    display: flex;
    flex-direction: column;
    overflow: hidden;
    height: 100%;
    box-sizing: border-box;
    color: var(--primary-text-color);
  }
  .icon {
    width: 20px;
    height: 20px;
    flex: none;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
  .header {
    display: flex;
    align-items: center;
    gap: var(--qbm-gap);
    padding: 12px 16px 4px;
    min-width: 0;
  }
  .title {
    font-size: var(--ha-card-header-font-size, 1.25rem);
    font-weight: 500;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .switcher {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-width: 0;
    max-width: 60%;
    border: none;
    background: none;
    padding: 6px 8px;
    margin-left: -8px;
    border-radius: 8px;
    cursor: pointer;
    font-size: 1.1rem;
    font-weight: 500;
  }
  .switcher:hover {
    background: var(--qbm-chip-background);
  }
  .switcher .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .dot {
    width: 10px;
    height: 10px;
    border-radius: 50%;
    flex: none;
    background: var(--disabled-color, #bdbdbd);
  }
  .dot.healthy {
    background: var(--success-color, #43a047);
  }
  .dot.warning {
    background: var(--warning-color, #ffa600);
  }
  .dot.unhealthy {
    background: var(--error-color, #db4437);
  }
  .muted {
    color: var(--secondary-text-color);
    font-size: 0.875rem;
    font-weight: normal;
  }
  .speeds {
    margin-left: auto;
    display: flex;
    gap: 12px;
    white-space: nowrap;
    color: var(--secondary-text-color);
    font-size: 0.875rem;
  }
  .speeds span {
    display: inline-flex;
    align-items: center;
    gap: 2px;
  }
  .speeds .icon {
    width: 16px;
    height: 16px;
  }
  .icon-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 40px;
    height: 40px;
    flex: none;
    border: none;
    border-radius: 50%;
    background: none;
    cursor: pointer;
    color: var(--secondary-text-color);
  }
  .icon-button:hover {
    background: var(--qbm-chip-background);
  }
  .icon-button.primary {
    color: var(--primary-color);
  }
  .chips {
    display: flex;
    gap: 6px;
    padding: 4px 16px;
    overflow-x: auto;
    scrollbar-width: none;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    flex: none;
    height: 32px;
    padding: 0 12px;
    border-radius: 16px;
    border: 1px solid var(--divider-color, #e0e0e0);
    background: none;
    cursor: pointer;
    font-size: 0.875rem;
    white-space: nowrap;
  }
  .chip[aria-pressed="true"] {
    background: var(--qbm-selected-background);
    border-color: var(--primary-color);
    color: var(--primary-color);
  }
  .chip .count {
    font-weight: 500;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: var(--qbm-gap);
    padding: 4px 16px 8px;
  }
  .search {
    flex: 1 1 160px;
    display: flex;
    align-items: center;
    gap: 4px;
    min-width: 0;
    height: 40px;
    padding: 0 10px;
    border-radius: 8px;
    background: var(--qbm-chip-background);
    color: var(--secondary-text-color);
  }
  .search input {
    flex: 1;
    min-width: 0;
    border: none;
    background: none;
    outline: none;
    color: var(--primary-text-color);
  }
  .search:focus-within {
    outline: 2px solid var(--primary-color);
  }
  select,
  .field input,
  .field textarea {
    height: 40px;
    border-radius: 8px;
    border: 1px solid var(--divider-color, #e0e0e0);
    background: var(--card-background-color, var(--ha-card-background, #fff));
    padding: 0 8px;
    box-sizing: border-box;
    min-width: 0;
  }
  .controls select {
    /* Wide enough for "All categories": a narrow card wraps the row instead. */
    flex: 1 1 140px;
    max-width: 200px;
  }
  .sort {
    display: flex;
    gap: 2px;
    flex: 1 1 150px;
    max-width: 240px;
  }
  .sort select {
    flex: 1;
    max-width: none;
  }
  .list-header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--qbm-gap);
    min-height: 40px;
    padding: 0 16px 0 12px;
    border-top: 1px solid var(--divider-color, #e0e0e0);
    font-size: 0.875rem;
    color: var(--secondary-text-color);
  }
  .bulk {
    display: flex;
    gap: 0;
    max-width: 100%;
    overflow-x: auto;
    scrollbar-width: none;
    margin-left: auto;
  }
  .checkbox {
    width: 20px;
    height: 20px;
    margin: 10px;
    flex: none;
    accent-color: var(--primary-color);
    cursor: pointer;
  }
  .alert {
    display: flex;
    align-items: flex-start;
    gap: 8px;
    margin: 4px 16px;
    padding: 8px 12px;
    border-radius: 8px;
    font-size: 0.875rem;
    white-space: pre-line;
    background: rgba(var(--rgb-error-color, 219, 68, 55), 0.12);
    color: var(--primary-text-color);
    border-left: 4px solid var(--error-color, #db4437);
  }
  .alert.warning {
    background: rgba(var(--rgb-warning-color, 255, 166, 0), 0.12);
    border-left-color: var(--warning-color, #ffa600);
  }
  .alert span {
    flex: 1;
    padding: 2px 0;
  }
  .alert .icon-button {
    width: 28px;
    height: 28px;
  }
  .list {
    position: relative;
    overflow-y: auto;
    overscroll-behavior: contain;
    border-top: 1px solid var(--divider-color, #e0e0e0);
  }
  .spacer {
    position: relative;
  }
  .window {
    position: absolute;
    left: 0;
    right: 0;
    top: 0;
    will-change: transform;
  }
  .empty {
    display: flex;
    align-items: center;
    justify-content: center;
    height: 100%;
    color: var(--secondary-text-color);
    padding: 16px;
    box-sizing: border-box;
    text-align: center;
  }
  .row {
    display: flex;
    align-items: center;
    height: ${64}px;
    box-sizing: border-box;
    padding-right: 8px;
    border-bottom: 1px solid var(--divider-color, #e0e0e0);
    border-left: 4px solid transparent;
    contain: strict;
  }
  .row.compact {
    height: ${44}px;
  }
  .row.accent {
    border-left-color: var(--server-color);
  }
  .row[aria-selected="true"] {
    background: var(--qbm-selected-background);
  }
  .row .checkbox {
    margin: 0 10px 0 8px;
  }
  .open {
    flex: 1;
    min-width: 0;
    height: 100%;
    display: flex;
    flex-direction: column;
    justify-content: center;
    gap: 3px;
    border: none;
    background: none;
    padding: 0 4px;
    text-align: left;
    cursor: pointer;
  }
  .compact .open {
    flex-direction: row;
    align-items: center;
    gap: 8px;
  }
  .line {
    display: flex;
    align-items: center;
    gap: 8px;
    min-width: 0;
    white-space: nowrap;
  }
  .name {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    font-size: 0.9375rem;
  }
  .meta {
    display: flex;
    /* Figures that do not fit wrap onto a second line, which is cut off:
       a narrow card shows fewer figures instead of half of one. */
    flex-wrap: wrap;
    column-gap: 10px;
    row-gap: 4px;
    height: 1.4em;
    line-height: 1.4em;
    min-width: 0;
    overflow: hidden;
    font-size: 0.8125rem;
    color: var(--secondary-text-color);
  }
  .compact .meta {
    flex: none;
    max-width: 55%;
  }
  .meta span {
    flex: none;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    flex: none;
    max-width: 35%;
    overflow: hidden;
    text-overflow: ellipsis;
    padding: 0 6px;
    border-radius: 9px;
    font-size: 0.75rem;
    line-height: 18px;
    color: var(--primary-text-color);
    background: color-mix(in srgb, var(--server-color) 22%, transparent);
  }
  .state {
    flex: none;
    font-size: 0.75rem;
    padding: 0 6px;
    line-height: 18px;
    border-radius: 9px;
    background: var(--qbm-chip-background);
    color: var(--secondary-text-color);
  }
  .state.downloading,
  .state.metadata {
    color: var(--info-color, var(--primary-color));
  }
  .state.seeding {
    color: var(--success-color, #43a047);
  }
  .state.errored {
    color: var(--error-color, #db4437);
  }
  .state.stalled,
  .state.checking,
  .state.moving {
    color: var(--warning-color, #ffa600);
  }
  .bar {
    position: relative;
    height: 4px;
    border-radius: 2px;
    overflow: hidden;
    background: var(--divider-color, #e0e0e0);
  }
  .compact .bar {
    width: 48px;
    flex: none;
  }
  .bar > div {
    position: absolute;
    inset: 0;
    transform-origin: left;
    background: var(--primary-color);
  }
  .bar.done > div {
    background: var(--success-color, #43a047);
  }
  .bar.errored > div {
    background: var(--error-color, #db4437);
  }
  dialog {
    width: min(520px, calc(100vw - 32px));
    max-height: calc(100vh - 64px);
    box-sizing: border-box;
    padding: 0;
    border: none;
    border-radius: var(--ha-dialog-border-radius, 24px);
    background: var(--mdc-theme-surface, var(--card-background-color, #fff));
    color: var(--primary-text-color);
    box-shadow: 0 8px 32px rgba(0, 0, 0, 0.3);
  }
  dialog::backdrop {
    background: rgba(0, 0, 0, 0.45);
  }
  .dialog-body {
    display: flex;
    flex-direction: column;
    gap: 12px;
    padding: 20px 24px;
  }
  .dialog-title {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 0;
    font-size: 1.25rem;
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .dialog-title > span {
    flex: 1;
  }
  .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 8px;
  }
  .button {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    height: 40px;
    padding: 0 16px;
    border-radius: 20px;
    border: none;
    background: none;
    color: var(--primary-color);
    font-weight: 500;
    cursor: pointer;
  }
  .button:hover {
    background: var(--qbm-selected-background);
  }
  .button.filled {
    background: var(--primary-color);
    color: var(--text-primary-color, #fff);
  }
  .button.danger {
    color: var(--error-color, #db4437);
  }
  .button.filled.danger {
    background: var(--error-color, #db4437);
    color: var(--text-primary-color, #fff);
  }
  .button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  .action-grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(130px, 1fr));
    gap: 4px;
  }
  .action-grid .button {
    justify-content: flex-start;
    color: var(--primary-text-color);
    border-radius: 8px;
  }
  .action-grid .button.danger {
    color: var(--error-color, #db4437);
  }
  .details {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 4px 12px;
    margin: 0;
    font-size: 0.875rem;
  }
  .details dt {
    color: var(--secondary-text-color);
  }
  .details dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-size: 0.875rem;
  }
  .field textarea {
    height: 96px;
    padding: 8px;
    resize: vertical;
  }
  .field .help {
    color: var(--secondary-text-color);
    font-size: 0.75rem;
  }
  .toggle {
    display: flex;
    align-items: center;
    gap: 4px;
    font-size: 0.875rem;
  }
  .server-option {
    display: flex;
    align-items: center;
    gap: 10px;
    width: 100%;
    min-height: 48px;
    padding: 0 12px;
    border: none;
    border-radius: 8px;
    background: none;
    text-align: left;
    cursor: pointer;
  }
  .server-option:hover,
  .server-option[aria-current="true"] {
    background: var(--qbm-selected-background);
  }
  .server-option .name {
    font-size: 1rem;
  }
  .warning-text {
    color: var(--error-color, #db4437);
    font-weight: 500;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  @container (max-width: 450px) {
    .header,
    .chips,
    .controls {
      padding-left: 12px;
      padding-right: 12px;
    }
    .search {
      flex-basis: 100%;
    }
    .controls select {
      flex: 1 1 0;
      min-width: 0;
    }
    .sort {
      flex: 1 1 100%;
      max-width: none;
    }
    .speeds {
      flex-direction: column;
      gap: 0;
      align-items: flex-end;
    }
  }
`;const lt=e=>null===e?"*":`=${e}`;function dt(e,t,r){const{localize:s}=e,o=e.query[t],n=o&&!r.includes(o)?[...r,o]:r;return H`<select
    aria-label=${s(t)}
    data-testid=${`${t}-filter`}
    data-value=${lt(o)}
    @change=${r=>{var s;e.change({[t]:(s=r.target.value,"*"===s?null:s.slice(1))})}}
  >
    <option value="*" .selected=${null===o}>
      ${s("category"===t?"any_category":"any_tag")}
    </option>
    <option value="=" .selected=${""===o}>
      ${s("category"===t?"no_category":"no_tag")}
    </option>
    ${n.map(e=>H`<option value=${lt(e)} .selected=${o===e}>${e}</option>`)}
  </select>`}const ct=2;let ht=class{constructor(e){}get _$AU(){return this._$AM._$AU}_$AT(e,t,r){this._$Ct=e,this._$AM=t,this._$Ci=r}_$AS(e,t){return this.update(e,t)}update(e,t){return this.render(...t)}};const{I:ut}=ie,pt=e=>e,gt=()=>document.createComment(""),_t=(e,t,r)=>{const s=e._$AA.parentNode,o=void 0===t?e._$AB:t._$AA;if(void 0===r){const t=s.insertBefore(gt(),o),n=s.insertBefore(gt(),o);r=new ut(t,n,e,e.options)}else{const t=r._$AB.nextSibling,n=r._$AM,i=n!==e;if(i){let t;r._$AQ?.(e),r._$AM=e,void 0!==r._$AP&&(t=e._$AU)!==n._$AU&&r._$AP(t)}if(t!==o||i){let e=r._$AA;for(;e!==t;){const t=pt(e).nextSibling;pt(s).insertBefore(e,o),e=t}}}return r},ft=(e,t,r=e)=>(e._$AI(t,r),e),mt={},vt=(e,t=mt)=>e._$AH=t,bt=e=>{e._$AR(),e._$AA.remove()},yt=(e,t,r)=>{const s=new Map;for(let o=t;o<=r;o++)s.set(e[o],o);return s},wt=(e=>(...t)=>({_$litDirective$:e,values:t}))(class extends ht{constructor(e){if(super(e),e.type!==ct)throw Error("repeat() can only be used in text expressions")}dt(e,t,r){let s;void 0===r?r=t:void 0!==t&&(s=t);const o=[],n=[];let i=0;for(const t of e)o[i]=s?s(t,i):i,n[i]=r(t,i),i++;return{values:n,keys:o}}render(e,t,r){return this.dt(e,t,r).values}update(e,[t,r,s]){const o=(e=>e._$AH)(e),{values:n,keys:i}=this.dt(t,r,s);if(!Array.isArray(o))return this.ut=i,n;const a=this.ut??=[],l=[];let d,c,h=0,u=o.length-1,p=0,g=n.length-1;for(;h<=u&&p<=g;)if(null===o[h])h++;else if(null===o[u])u--;else if(a[h]===i[p])l[p]=ft(o[h],n[p]),h++,p++;else if(a[u]===i[g])l[g]=ft(o[u],n[g]),u--,g--;else if(a[h]===i[g])l[g]=ft(o[h],n[g]),_t(e,l[g+1],o[h]),h++,g--;else if(a[u]===i[p])l[p]=ft(o[u],n[p]),_t(e,o[h],o[u]),u--,p++;else if(void 0===d&&(d=yt(i,p,g),c=yt(a,h,u)),d.has(a[h]))if(d.has(a[u])){const t=c.get(i[p]),r=void 0!==t?o[t]:null;if(null===r){const t=_t(e,o[h]);ft(t,n[p]),l[p]=t}else l[p]=ft(r,n[p]),_t(e,o[h],r),o[t]=null;p++}else bt(o[u]),u--;else bt(o[h]),h++;for(;p<=g;){const t=_t(e,l[g+1]);ft(t,n[p]),l[p++]=t}for(;h<=u;){const e=o[h++];null!==e&&bt(e)}return this.ut=i,vt(e,l),F}});function $t(e,t,r,s){const{localize:o,columns:n,compact:i}=s,a=s.server?.(e.entry_id),l=s.selected(t),d=n.includes("state"),c=n.includes("progress"),h=d?H`<span class="state ${e.state}">${o(`state_${e.state}`)}</span>`:G,u=a?H`<span class="badge" data-testid="server-badge">${a.name}</span>`:G,p=H`<span class="meta">${n.map(t=>function(e,t,r){const{format:s,localize:o}=r;switch(t){case"state":return G;case"progress":return H`<span title=${o("progress")}>${s.percent(e.progress)}</span>`;case"size":return H`<span title=${o("size")}>${s.size(e.size)}</span>`;case"download_speed":return H`<span title=${o("download_speed")}>↓ ${s.speed(e.download_speed)}</span>`;case"upload_speed":return H`<span title=${o("upload_speed")}>↑ ${s.speed(e.upload_speed)}</span>`;case"eta":return e.progress>=100?G:H`<span title=${o("eta")}>${s.duration(e.eta)}</span>`;case"ratio":return H`<span title=${o("ratio")}>${o("ratio")} ${s.ratio(e.ratio)}</span>`;case"category":return""===e.category?G:H`<span title=${o("category")}>${e.category}</span>`;case"tags":return 0===e.tags.length?G:H`<span title=${o("tags")}>${e.tags.join(", ")}</span>`;case"added_on":return H`<span title=${o("added_on")}>${s.date(e.added_on)}</span>`}}(e,t,s))}</span>`,g=c?H`<div
        class="bar ${e.progress>=100?"done":""} ${"errored"===e.state?"errored":""}"
        role="progressbar"
        aria-label=${o("progress")}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${e.progress}
      >
        <div style="transform: scaleX(${Math.min(100,Math.max(0,e.progress))/100})"></div>
      </div>`:G,_=i?H`${u}<span class="name">${e.name}</span>${h}${g}${p}`:H`<span class="line">${u}<span class="name">${e.name}</span>${h}</span>
        ${g}
        <span class="line">${p}</span>`;return H`<div
    class="row ${i?"compact":""} ${a?"accent":""}"
    role="listitem"
    aria-posinset=${r}
    aria-selected=${l?"true":"false"}
    data-testid="torrent-row"
    data-hash=${e.hash}
    data-server=${e.entry_id}
    style=${a?`--server-color: ${a.color}`:""}
  >
    <input
      type="checkbox"
      class="checkbox"
      .checked=${l}
      aria-label=${o("select_torrent",{name:e.name})}
      @change=${e=>{s.toggle(t,e)}}
    />
    <button
      class="open"
      aria-label=${o("torrent_actions",{name:e.name})}
      @click=${()=>{s.open(t)}}
    >
      ${_}
    </button>
  </div>`}function xt(){return document.documentElement.lang||"en"}function kt(e){const t=new Set;for(const r of e)for(const e of r)t.add(e);return[...t].sort((e,t)=>e.localeCompare(t))}class At extends de{static styles=at;static frameScheduler;_hass;config;live=new Ke(this,At.frameScheduler);list=new ke(this.live.torrents);query=ye;queryChanged=!0;view="active";selection=new Set;dialog=null;dialogError=null;actionError=null;busy=!1;firstRow=0;language="";localize=Je(xt());format=new je({language:"en"});static getConfigElement(){return document.createElement(qe)}static getStubConfig(){return{server:"active"}}setConfig(e){const t=Ue(e,Je(this._hass?.locale.language??xt())),r=this.config?.server!==t.server;this.config=t,this.query={state:t.state,category:t.category??null,tag:t.tag??null,search:this.query.search,sortBy:t.sort_by,descending:t.sort_descending},this.queryChanged=!0,r&&this.show(t.server),this.requestUpdate()}set hass(e){const t=void 0===this._hass;this._hass=e;const r=e.locale.language,s=r!==this.language||e.locale.number_format!==this.format.formatLocale.number_format;s&&(this.language=r,this.localize=Je(r),this.format=new je(e.locale),this.queryChanged=!0),this.live.setHass(e),(t||s)&&this.requestUpdate()}get rowHeight(){return this.config?.compact?44:64}getCardSize(){const e=this.config?.rows??8;return Math.ceil((170+e*this.rowHeight)/50)}getGridOptions(){return{columns:12,min_columns:6,rows:"auto"}}show(e){this.view=e,this.selection.clear(),this.firstRow=0,this.live.setServer(e)}willUpdate(e){super.willUpdate(e);const t=this.live.takeChanges();this.queryChanged?(this.list.setQuery(this.query,this.language||"en"),this.queryChanged=!1):t.empty||this.list.update(t),t.reset&&this.selection.clear();for(const e of t.removed)this.selection.delete(e);const r=Math.max(0,this.list.rows.length-(this.config?.rows??0));this.firstRow>r&&(this.firstRow=r)}updated(e){super.updated(e),it(this.renderRoot);const t=this.renderRoot.querySelector("dialog");null!==t&&(null===this.dialog||t.open?null===this.dialog&&t.open&&t.close():t.showModal())}render(){return void 0===this.config?G:H`<ha-card>
      ${this.renderTop()} ${this.renderList()}
      <dialog
        aria-labelledby="dialog-title"
        data-testid="dialog"
        data-kind=${this.dialog?.kind??""}
        @close=${this.onDialogClosed}
        @cancel=${this.onDialogCancel}
      >
        ${this.renderDialog()}
      </dialog>
    </ha-card>`}viewServerIds(){const e=this.live.fleet;if("all"===this.view)return e.servers.map(e=>e.entry_id);const t="active"===this.view?e.activeEntryId??this.live.torrents.activeEntryId:this.view;return null===t?[]:[t]}serverName(e){return this.live.torrents.servers.get(e)?.name??this.live.fleet.server(e)?.name??e}renderTop(){const{localize:e,format:t}=this,r=this.live.fleet,s=this.viewServerIds(),o=s.map(e=>r.server(e)).filter(e=>void 0!==e),n=[...this.live.torrents.servers.values()],i={localize:e,format:t,query:this.query,count:e=>this.live.torrents.count(e),categories:kt(n.map(e=>e.categories)),tags:kt(n.map(e=>e.tags)),change:e=>{this.setQuery(e)}};return H`${function(e){const{localize:t,format:r,shown:s}=e;return H`<div class="header">
    ${e.title?H`<span class="title">${e.title}</span>`:G}
    <button
      class="switcher"
      aria-haspopup="dialog"
      title=${t("choose_view")}
      data-testid="server-switcher"
      @click=${e.chooseServer}
    >
      ${s?H`<span
            class="dot ${s.health??""}"
            role="img"
            aria-label=${t(`health_${s.health??"unknown"}`)}
          ></span>`:G}
      <span class="name">${e.label}</span>
      ${null!=s?.response_time_ms?H`<span class="muted" title=${t("response_time")}
            >${r.millis(s.response_time_ms)}</span
          >`:G}
      ${Ye.dropdown}
    </button>
    <span class="speeds" data-testid="speeds">
      <span title=${t("download_speed")}>${Ye.download}${r.speed(e.download)}</span>
      <span title=${t("upload_speed")}>${Ye.upload}${r.speed(e.upload)}</span>
    </span>
    <button
      class="icon-button primary"
      aria-label=${t("add_torrent")}
      title=${t("add_torrent")}
      data-testid="add-torrent"
      @click=${e.addTorrent}
    >
      ${Ye.add}
    </button>
  </div>`}({localize:e,format:t,title:this.config?.title,label:"all"===this.view?e("all_servers"):void 0!==s[0]?this.serverName(s[0]):e("active_server"),shown:"all"===this.view?void 0:o[0],download:o.reduce((e,t)=>e+t.download_speed,0),upload:o.reduce((e,t)=>e+t.upload_speed,0),chooseServer:()=>{this.openDialog({kind:"servers"})},addTorrent:()=>{this.openDialog({kind:"add"})}})}
    ${function(e){const{localize:t,format:r,query:s}=e;return H`<div class="chips" role="group" aria-label=${t("state_filters")}>
    ${pe.map(o=>H`<button
        class="chip"
        aria-pressed=${s.state===o?"true":"false"}
        data-testid="state-chip"
        data-filter=${o}
        @click=${()=>{e.change({state:o})}}
      >
        <span>${t("all"===o?"filter_all":`state_${o}`)}</span>
        <span class="count" data-testid="chip-count">${r.number(e.count(o))}</span>
      </button>`)}
  </div>`}(i)} ${function(e){const{localize:t,query:r}=e;return H`<div class="controls">
    <label class="search">
      ${Ye.search}
      <input
        type="search"
        placeholder=${t("search")}
        aria-label=${t("search")}
        data-testid="search"
        .value=${r.search}
        @input=${t=>{e.change({search:t.target.value})}}
      />
    </label>
    ${dt(e,"category",e.categories)} ${dt(e,"tag",e.tags)}
    <span class="sort">
      <select
        aria-label=${t("sort_by")}
        data-testid="sort"
        data-value=${r.sortBy}
        @change=${t=>{e.change({sortBy:t.target.value})}}
      >
        ${be.map(e=>H`<option value=${e} .selected=${r.sortBy===e}>${t(`sort_${e}`)}</option>`)}
      </select>
      <button
        class="icon-button"
        aria-label=${t(r.descending?"descending":"ascending")}
        title=${t(r.descending?"descending":"ascending")}
        data-testid="sort-direction"
        @click=${()=>{e.change({descending:!r.descending})}}
      >
        ${r.descending?Ye.descending:Ye.ascending}
      </button>
    </span>
  </div>`}(i)}
    ${function(e){const{localize:t}=e,r=[...e.servers].filter(e=>!e.available);return H`${null===e.subscribeError?G:H`<div class="alert" role="alert" data-testid="subscribe-error">
          <span>${t("subscribe_failed",{error:e.subscribeError})}</span>
        </div>`}
    ${r.map(e=>H`<div
        class="alert warning"
        role="status"
        data-testid="server-down"
        data-server=${e.entry_id}
      >
        <span
          >${null===e.error?t("server_unavailable",{server:e.name}):t("server_unavailable_because",{server:e.name,error:e.error})}</span
        >
      </div>`)}
    ${null===e.actionError?G:H`<div class="alert" role="alert" data-testid="action-error">
          <span>${e.actionError}</span>
          <button class="icon-button" aria-label=${t("dismiss")} @click=${e.dismissActionError}>
            ${Ye.close}
          </button>
        </div>`}`}({localize:e,subscribeError:this.live.error,servers:this.live.torrents.servers.values(),actionError:this.actionError,dismissActionError:()=>{this.actionError=null,this.requestUpdate()}})}`}setQuery(e){this.query={...this.query,...e},this.queryChanged=!0,this.firstRow=0;const t=this.renderRoot.querySelector(".list");null!==t&&(t.scrollTop=0),this.requestUpdate()}selectedTorrents(){const e=[];for(const t of this.selection){const r=this.live.torrents.torrents.get(t);void 0!==r&&e.push(r)}return e}onScroll=e=>{const t=Math.floor(e.target.scrollTop/this.rowHeight);t!==this.firstRow&&(this.firstRow=t,this.requestUpdate())};emptyText(){const e=this.live.torrents;return e.loaded?"active"===e.view&&null===e.activeEntryId?this.localize("no_active_server"):0===e.torrents.size?this.localize("no_torrents"):0===this.list.rows.length?this.localize("no_match"):null:null===this.live.error?this.localize("loading"):""}renderList(){const e=this.config;if(void 0===e)return H``;const t=this.list.rows,r=this.selection.size,s=r>0&&t.every(e=>this.selection.has(Oe(e)));return H`${function(e){const{localize:t,format:r,selected:s}=e;return H`<div class="list-header">
    <input
      type="checkbox"
      class="checkbox"
      aria-label=${t("select_all")}
      data-testid="select-all"
      .checked=${e.allSelected}
      .indeterminate=${s>0&&!e.allSelected}
      ?disabled=${0===e.shown}
      @change=${e.toggleAll}
    />
    <span data-testid="list-count">
      ${s>0?t("selected",{count:r.number(s)}):t("shown_count",{count:r.number(e.shown)})}
    </span>
    ${s>0?H`<span class="bulk" role="toolbar" data-testid="bulk-actions">
          ${ot(t,e.busy,e.act,"icon-button")}
          <button
            class="icon-button"
            aria-label=${t("clear_selection")}
            title=${t("clear_selection")}
            @click=${e.clearSelection}
          >
            ${Ye.close}
          </button>
        </span>`:G}
  </div>`}({localize:this.localize,format:this.format,shown:t.length,selected:r,allSelected:s,busy:this.busy,toggleAll:()=>{if(s)this.selection.clear();else for(const e of t)this.selection.add(Oe(e));this.requestUpdate()},act:e=>{this.act(e,this.selectedTorrents())},clearSelection:()=>{this.selection.clear(),this.requestUpdate()}})}
    ${function(e){const{rows:t,rowHeight:r}=e,s=e.visible*r;if(null!==e.empty)return H`<div class="list" style="height:${s}px" data-testid="torrent-list">
      <div class="empty" data-testid="empty">${e.empty}</div>
    </div>`;const o=Math.max(0,e.firstRow-6),n=Math.min(t.length,e.firstRow+e.visible+6);return H`<div
    class="list"
    style="height:${s}px"
    role="list"
    tabindex="0"
    aria-label=${e.localize("torrents")}
    data-testid="torrent-list"
    @scroll=${e.onScroll}
  >
    <div class="spacer" style="height:${t.length*r}px">
      <div class="window" style="transform:translateY(${o*r}px)">
        ${wt(t.slice(o,n),Oe,(t,r)=>$t(t,Oe(t),o+r+1,e.row))}
      </div>
    </div>
  </div>`}({localize:this.localize,rows:t,empty:this.emptyText(),visible:e.rows,rowHeight:this.rowHeight,firstRow:this.firstRow,row:this.rowContext(e),onScroll:this.onScroll})}`}rowContext(e){const t={localize:this.localize,format:this.format,columns:e.columns,compact:e.compact,selected:e=>this.selection.has(e),toggle:(e,t)=>{t.target.checked?this.selection.add(e):this.selection.delete(e),this.requestUpdate()},open:e=>{this.openDialog({kind:"torrent",key:e})}};if("all"===this.view){const e=this.live.torrents.servers;t.server=t=>({name:this.serverName(t),color:this.live.fleet.color(t,e.get(t)?.color??null)})}return t}openDialog(e){this.dialog=e,this.dialogError=null,this.requestUpdate()}closeDialog=()=>{this.busy||(this.dialog=null,this.dialogError=null,this.requestUpdate())};onDialogClosed=()=>{null!==this.dialog&&(this.dialog=null,this.dialogError=null,this.requestUpdate())};onDialogCancel=e=>{this.busy&&e.preventDefault()};async perform(e,t){const r=this._hass;if(void 0!==r&&!this.busy){this.busy=!0,this.dialogError=null,this.actionError=null,this.requestUpdate();try{await e(r),this.dialog=null,t?.()}catch(e){null!==this.dialog?this.dialogError=he(e):this.actionError=he(e)}finally{this.busy=!1,this.requestUpdate()}}}act(e,t){if(0===t.length)return;const r=t.map(({entry_id:e,hash:t})=>({entry_id:e,hash:t}));switch(e){case"start":case"stop":case"recheck":case"reannounce":return void this.perform(t=>function(e,t,r){return me(e,ge[t],r)}(t,e,r));case"category":return void this.openDialog({kind:"category",targets:r});case"add_tags":case"remove_tags":return void this.openDialog({kind:"tags",targets:r,remove:"remove_tags"===e});case"delete":case"delete_with_files":return void this.openDialog({kind:"delete",targets:r,names:t.map(e=>e.name),deleteFiles:"delete_with_files"===e})}}chooseServer(e){if("all"===e)return this.dialog=null,this.show("all"),void this.requestUpdate();this.perform(async t=>{this.live.fleet.activeEntryId!==e&&await async function(e,t){await fe(e,"switch_server",{server:t})}(t,e)},()=>{"active"!==this.view&&this.show("active")})}dialogContext(){return{localize:this.localize,format:this.format,busy:this.busy,error:this.dialogError,close:this.closeDialog}}renderDialog(){const e=this.dialog;if(null===e)return G;const t=this.dialogContext(),r=[...this.live.torrents.servers.values()];switch(e.kind){case"servers":{const e=this.live.fleet.activeEntryId;return function(e,t,r,s){const{localize:o,format:n}=e;return H`<div class="dialog-body">
    ${et(e,o("choose_view"))} ${tt(e)}
    <div role="list" data-testid="server-options">
      <button
        class="server-option"
        role="listitem"
        aria-current=${t?"true":"false"}
        data-testid="server-option"
        data-server="all"
        ?disabled=${e.busy}
        @click=${()=>{s("all")}}
      >
        <span class="name">${o("all_servers")}</span>
        ${t?Ye.check:G}
      </button>
      ${r.map(({server:t,current:r})=>H`<button
          class="server-option"
          role="listitem"
          aria-current=${r?"true":"false"}
          data-testid="server-option"
          data-server=${t.entry_id}
          ?disabled=${e.busy}
          @click=${()=>{s(t.entry_id)}}
        >
          <span
            class="dot ${t.health??""}"
            role="img"
            aria-label=${o(`health_${t.health??"unknown"}`)}
            title=${o(`health_${t.health??"unknown"}`)}
          ></span>
          <span class="name">${t.name}</span>
          <span class="muted" title=${o("response_time")}
            >${null===t.response_time_ms?"":n.millis(t.response_time_ms)}</span
          >
          <span class="muted" style="margin-left:auto"
            >↓ ${n.speed(t.download_speed)} ↑ ${n.speed(t.upload_speed)}</span
          >
          ${r?Ye.check:G}
        </button>`)}
    </div>
  </div>`}(t,"all"===this.view,this.live.fleet.servers.map(t=>({server:t,current:"active"===this.view?t.entry_id===e:t.entry_id===this.view})),e=>{this.chooseServer(e)})}case"torrent":{const r=this.live.torrents.torrents.get(e.key);return function(e,t,r,s){const{localize:o,format:n}=e;if(void 0===t)return H`<div class="dialog-body">${et(e,o("no_torrents"))}</div>`;const i=(e,t)=>""===t?G:H`<dt>${e}</dt><dd>${t}</dd>`;return H`<div class="dialog-body">
    ${et(e,t.name)} ${tt(e)}
    <dl class="details">
      ${i(o("server"),r)}
      ${i(o("state"),o(`state_${t.state}`))}
      ${i(o("progress"),n.percent(t.progress))}
      ${i(o("size"),n.size(t.size))}
      ${i(o("download_speed"),n.speed(t.download_speed))}
      ${i(o("upload_speed"),n.speed(t.upload_speed))}
      ${i(o("eta"),t.progress>=100?"":n.duration(t.eta))}
      ${i(o("ratio"),n.ratio(t.ratio))}
      ${i(o("category"),t.category)}
      ${i(o("tags"),t.tags.join(", "))}
      ${i(o("save_path"),t.save_path)}
      ${i(o("added_on"),n.date(t.added_on))}
    </dl>
    <div class="action-grid">${ot(o,e.busy,s)}</div>
  </div>`}(t,r,r?this.serverName(r.entry_id):"",e=>{void 0!==r&&this.act(e,[r])})}case"delete":return function(e,t,r){const{localize:s}=e,o=1===t.names.length?s("delete_one_title",{name:t.names[0]??""}):s("delete_many_title",{count:t.targets.length});return H`<div class="dialog-body" data-testid="delete-dialog">
    ${et(e,o)} ${tt(e)}
    <p class=${t.deleteFiles?"warning-text":""} data-testid="delete-warning">
      ${s(t.deleteFiles?"delete_removes_data":"delete_keeps_data")}
    </p>
    <div class="dialog-actions">
      <button class="button" ?disabled=${e.busy} @click=${e.close}>
        ${s("cancel")}
      </button>
      <button
        class="button filled danger"
        data-testid="confirm-delete"
        ?disabled=${e.busy}
        @click=${r}
      >
        ${s(t.deleteFiles?"delete_with_files":"delete")}
      </button>
    </div>
  </div>`}(t,e,()=>{this.perform(t=>function(e,t,r){return me(e,"delete_torrents",t,{delete_files:r})}(t,e.targets,e.deleteFiles),()=>{for(const t of e.targets)this.selection.delete(`${t.entry_id} ${t.hash}`)})});case"category":return function(e,t,r){const{localize:s}=e;return H`<form class="dialog-body" @submit=${e=>{e.preventDefault();const t=e.target;r(t.elements.namedItem("category").value.trim())}}>
    ${et(e,s("set_category"))} ${tt(e)}
    <label class="field">
      ${s("category")}
      <input name="category" list="categories" autofocus autocomplete="off" />
      <span class="help">${s("category_help")}</span>
    </label>
    <datalist id="categories">${nt(t)}</datalist>
    <div class="dialog-actions">
      <button type="button" class="button" @click=${e.close}>${s("cancel")}</button>
      <button type="submit" class="button filled" ?disabled=${e.busy}>
        ${s("save")}
      </button>
    </div>
  </form>`}(t,kt(r.map(e=>e.categories)),t=>{this.perform(r=>function(e,t,r){return me(e,"set_torrent_category",t,{category:r})}(r,e.targets,t))});case"tags":return function(e,t,r,s){const{localize:o}=e;return H`<form class="dialog-body" @submit=${e=>{e.preventDefault();const t=e.target;s(t.elements.namedItem("tags").value)}}>
    ${et(e,o(t?"remove_tags":"add_tags"))} ${tt(e)}
    <label class="field">
      ${o("tags")}
      <input name="tags" list="tags" autofocus autocomplete="off" />
      <span class="help">${o("tags_help")}</span>
    </label>
    <datalist id="tags">${nt(r)}</datalist>
    <div class="dialog-actions">
      <button type="button" class="button" @click=${e.close}>${o("cancel")}</button>
      <button type="submit" class="button filled" ?disabled=${e.busy}>
        ${o("save")}
      </button>
    </div>
  </form>`}(t,e.remove,kt(r.map(e=>e.tags)),t=>{const r=ve(t);if(0===r.length)return this.dialogError=this.localize("tags_required"),void this.requestUpdate();this.perform(t=>function(e,t,r,s){return me(e,s?"remove_torrent_tags":"add_torrent_tags",t,{tags:r})}(t,e.targets,r,e.remove))});case"add":return this.renderAddDialog(t,r)}}renderAddDialog(e,t){const r=this.live.fleet,s=r.servers.length?r.servers.filter(e=>e.loaded):[...this.live.torrents.servers.values()];return function(e,t,r,s,o,n){const{localize:i}=e;return H`<form class="dialog-body" data-testid="add-dialog" @submit=${e=>{e.preventDefault();const t=e.target,r=e=>t.elements.namedItem(e)?.value??"";n({server:r("server"),links:r("links"),category:r("category").trim(),tags:r("tags"),stopped:t.elements.namedItem("stopped").checked})}}>
    ${et(e,i("add_torrent"))} ${tt(e)}
    <label class="field">
      ${i("links")}
      <textarea name="links" autofocus spellcheck="false"></textarea>
      <span class="help">${i("links_help")}</span>
    </label>
    <label class="field">
      ${i("server")}
      <select name="server">
        ${t.map(e=>H`<option value=${e.entry_id} .selected=${e.entry_id===r}>
              ${e.name}
            </option>`)}
      </select>
    </label>
    <label class="field">
      ${i("category")}
      <input name="category" list="add-categories" autocomplete="off" />
    </label>
    <datalist id="add-categories">${nt(s)}</datalist>
    <label class="field">
      ${i("tags")}
      <input name="tags" list="add-tags" autocomplete="off" />
      <span class="help">${i("tags_help")}</span>
    </label>
    <datalist id="add-tags">${nt(o)}</datalist>
    <label class="toggle">
      <input type="checkbox" class="checkbox" name="stopped" />${i("add_stopped")}
    </label>
    <div class="dialog-actions">
      <button type="button" class="button" @click=${e.close}>${i("cancel")}</button>
      <button type="submit" class="button filled" ?disabled=${e.busy}>
        ${i("add")}
      </button>
    </div>
  </form>`}(e,s,"active"===this.view||"all"===this.view?r.activeEntryId??this.live.torrents.activeEntryId??s[0]?.entry_id??"":this.view,kt(t.map(e=>e.categories)),kt(t.map(e=>e.tags)),e=>{const t=ve(e.links,/\s*\n\s*/);if(0===t.length)return this.dialogError=this.localize("links_required"),void this.requestUpdate();this.perform(r=>async function(e,t){const r={server:t.server,urls:t.urls};""!==t.category&&(r.category=t.category),t.tags.length>0&&(r.tags=t.tags),t.stopped&&(r.stopped=!0),await fe(e,"add_torrent",r)}(r,{server:e.server,urls:t,category:e.category,tags:ve(e.tags),stopped:e.stopped}))})}}const St={state:"state",progress:"progress",size:"size",download_speed:"download_speed",upload_speed:"upload_speed",eta:"eta",ratio:"ratio",category:"category",tags:"tags",added_on:"added_on"},Et={server:"active",state:"all",compact:!1,rows:8,sort_by:"name",sort_descending:!1,title:"",category:"",tag:""};class zt extends de{static styles=[at,n`
      .editor {
        display: flex;
        flex-direction: column;
        gap: 16px;
      }
      .pair {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 12px;
      }
      fieldset {
        border: 1px solid var(--divider-color, #e0e0e0);
        border-radius: 8px;
        display: flex;
        flex-wrap: wrap;
        gap: 4px 16px;
        padding: 8px 12px;
        margin: 0;
      }
      legend {
        font-size: 0.875rem;
        padding: 0 4px;
      }
      .field select,
      .field input {
        width: 100%;
      }
    `];_hass;raw={};config;live=new Ke(this,void 0,!1);localize=Je("en");set hass(e){const t=this._hass?.locale.language!==e.locale.language;this._hass=e,this.localize=Je(e.locale.language),this.live.setHass(e),t&&this.requestUpdate()}setConfig(e){this.raw={...e},this.config=Ue(this.raw,this.localize),this.requestUpdate()}set(e,t){const r="columns"===e?JSON.stringify(t)===JSON.stringify(Te):t===Et[e]||void 0===t,s=Object.fromEntries(Object.entries(this.raw).filter(([t])=>t!==e));r||(s[e]=t),this.raw=s,this.config=Ue(s,this.localize),this.dispatchEvent(new CustomEvent("config-changed",{detail:{config:s},bubbles:!0,composed:!0})),this.requestUpdate()}select(e,t,r,s){return H`<label class="field">
      ${this.localize(t)}
      <select
        name=${e}
        data-value=${r}
        @change=${t=>{this.set(e,t.target.value)}}
      >
        ${s.map(([e,t])=>H`<option value=${e} .selected=${e===r}>${t}</option>`)}
      </select>
    </label>`}text(e,t,r){return H`<label class="field">
      ${this.localize(t)}
      <input
        name=${e}
        .value=${r??""}
        @change=${t=>{this.set(e,t.target.value.trim())}}
      />
    </label>`}flag(e,t,r){return H`<label class="toggle">
      <input
        type="checkbox"
        class="checkbox"
        name=${e}
        .checked=${r}
        @change=${t=>{this.set(e,t.target.checked)}}
      />${this.localize(t)}
    </label>`}updated(e){super.updated(e),it(this.renderRoot)}render(){const e=this.config;if(void 0===e)return G;const t=this.localize,r=[["active",t("active_server")],["all",t("all_servers")],...this.live.fleet.servers.map(e=>[e.entry_id,e.name])];r.some(([t])=>t===e.server)||r.push([e.server,e.server]);const s=(t,r)=>{const s=new Set(this.config?.columns??e.columns);r?s.add(t):s.delete(t),this.set("columns",Ce.filter(e=>s.has(e)))};return H`<div class="editor">
      ${this.select("server","editor_server",e.server,r)}
      ${this.text("title","editor_title",e.title)}
      <div class="pair">
        ${this.select("state","editor_state",e.state,pe.map(e=>[e,t("all"===e?"filter_all":`state_${e}`)]))}
        <label class="field">
          ${t("editor_rows")}
          <input
            type="number"
            name="rows"
            min=${1}
            max=${50}
            step="1"
            .value=${String(e.rows)}
            @change=${e=>{const t=Math.round(Number(e.target.value));this.set("rows",Math.min(50,Math.max(1,t||8)))}}
          />
        </label>
      </div>
      <div class="pair">
        ${this.text("category","editor_category",e.category)}
        ${this.text("tag","editor_tag",e.tag)}
      </div>
      <div class="pair">
        ${this.select("sort_by","editor_sort",e.sort_by,be.map(e=>[e,t(`sort_${e}`)]))}
        ${this.flag("sort_descending","editor_descending",e.sort_descending)}
      </div>
      ${this.flag("compact","editor_compact",e.compact)}
      <fieldset>
        <legend>${t("editor_columns")}</legend>
        ${Ce.map(r=>H`<label class="toggle">
            <input
              type="checkbox"
              class="checkbox"
              name="column"
              value=${r}
              .checked=${e.columns.includes(r)}
              @change=${e=>{s(r,e.target.checked)}}
            />${t(St[r])}
          </label>`)}
      </fieldset>
    </div>`}}customElements.get(ze)||customElements.define(ze,At),customElements.get(qe)||customElements.define(qe,zt);const qt=Je(document.documentElement.lang||navigator.language||"en");window.customCards??=[],window.customCards.some(e=>e.type===ze)||window.customCards.push({type:ze,name:qt("card_name"),description:qt("card_description"),preview:!0,documentationURL:"https://github.com/qbittorrent-multi/ha-qbittorrent-multi#card"});
