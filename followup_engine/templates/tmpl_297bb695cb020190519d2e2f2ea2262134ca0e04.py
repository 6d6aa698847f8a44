# Generated from reply_to_offer.txt by `python -m followup_engine.template_code`: do not edit.
# ruff: noqa
# fmt: off
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'reply_to_offer.txt'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_role_phrase = resolve('role_phrase')
    l_0_at_company = resolve('at_company')
    l_0_greeting = resolve('greeting')
    l_0_answer_by = resolve('answer_by')
    l_0_sign_off = resolve('sign_off')
    pass
    yield 'Thank you for the offer: '
    yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
    yield str((undefined(name='at_company') if l_0_at_company is missing else l_0_at_company))
    yield '\n\n'
    yield str((undefined(name='greeting') if l_0_greeting is missing else l_0_greeting))
    yield '\n\nThank you very much for the offer for '
    yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
    yield str((undefined(name='at_company') if l_0_at_company is missing else l_0_at_company))
    yield '. I am delighted to receive it.\n\nCould you send me the offer in writing, with the details of salary, start date and benefits, if you have not already? I will give you my answer by '
    yield str((undefined(name='answer_by') if l_0_answer_by is missing else l_0_answer_by))
    yield '.\n\nThank you again, and I look forward to speaking soon.\n\n'
    yield str((undefined(name='sign_off') if l_0_sign_off is missing else l_0_sign_off))

blocks = {}
debug_info = '2=17&4=20&6=22&8=25&12=27'
