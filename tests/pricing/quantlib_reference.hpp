#pragma once
// QuantLib 1.29 as the independent reference for the pricing tests: one flat-curve
// Black-Scholes-Merton market whose quotes are reset per case, and the engines compared with.

#include <ql/exercise.hpp>
#include <ql/instruments/vanillaoption.hpp>
#include <ql/pricingengines/vanilla/analyticeuropeanengine.hpp>
#include <ql/pricingengines/vanilla/bjerksundstenslandengine.hpp>
#include <ql/pricingengines/vanilla/juquadraticengine.hpp>
#include <ql/pricingengines/vanilla/qdfpamericanengine.hpp>
#include <ql/processes/blackscholesprocess.hpp>
#include <ql/quotes/simplequote.hpp>
#include <ql/settings.hpp>
#include <ql/termstructures/volatility/equityfx/blackconstantvol.hpp>
#include <ql/termstructures/yield/flatforward.hpp>
#include <ql/time/calendars/nullcalendar.hpp>
#include <ql/time/daycounters/actual365fixed.hpp>

#include "pmrisk/instrument.hpp"
#include "pricing/option_cases.hpp"

namespace pmrisk::testing {

namespace ql = QuantLib;

enum class quantlib_engine {
  analytic_european,         ///< AnalyticEuropeanEngine
  bjerksund_stensland_1993,  ///< BjerksundStenslandApproximationEngine
  ju_quadratic,              ///< JuQuadraticApproximationEngine (Ju and Zhong 1999)
  /// QdFpAmericanEngine, accurate scheme: Andersen, Lake and Offengenden, "High-performance
  /// American option pricing", J. Comput. Finance 20 (2016).
  qd_fp_accurate,
  qd_fp_high_precision,  ///< QdFpAmericanEngine, high-precision scheme
};

/// A flat market (spot, r, q and vol quotes on Actual/365 curves) on a fixed evaluation date.
class quantlib_market {
 public:
  quantlib_market() {
    ql::Settings::instance().evaluationDate() = today_;
    const ql::DayCounter dc = ql::Actual365Fixed();
    const ql::Handle<ql::YieldTermStructure> rate_curve(
        ql::ext::make_shared<ql::FlatForward>(today_, ql::Handle<ql::Quote>(rate_), dc));
    const ql::Handle<ql::YieldTermStructure> div_curve(
        ql::ext::make_shared<ql::FlatForward>(today_, ql::Handle<ql::Quote>(div_yield_), dc));
    const ql::Handle<ql::BlackVolTermStructure> vol_surface(
        ql::ext::make_shared<ql::BlackConstantVol>(today_, ql::NullCalendar(),
                                                   ql::Handle<ql::Quote>(vol_), dc));
    process_ = ql::ext::make_shared<ql::BlackScholesMertonProcess>(
        ql::Handle<ql::Quote>(spot_), div_curve, rate_curve, vol_surface);
  }

  /// Value per unit of underlying of the case's option under the engine: European exercise
  /// for analytic_european, American otherwise.
  double price(const option_case& c, quantlib_engine engine) {
    spot_->setValue(c.spot);
    rate_->setValue(c.rate);
    div_yield_->setValue(c.div_yield);
    vol_->setValue(c.vol);
    const auto type = c.kind == instrument_kind::call ? ql::Option::Call : ql::Option::Put;
    const ql::Date expiry = today_ + c.days;
    ql::ext::shared_ptr<ql::Exercise> exercise;
    if (engine == quantlib_engine::analytic_european) {
      exercise = ql::ext::make_shared<ql::EuropeanExercise>(expiry);
    } else {
      exercise = ql::ext::make_shared<ql::AmericanExercise>(today_, expiry);
    }
    ql::VanillaOption option(ql::ext::make_shared<ql::PlainVanillaPayoff>(type, c.strike),
                             exercise);
    option.setPricingEngine(make_engine(engine));
    return option.NPV();
  }

 private:
  ql::ext::shared_ptr<ql::PricingEngine> make_engine(quantlib_engine engine) const {
    switch (engine) {
      case quantlib_engine::analytic_european:
        return ql::ext::make_shared<ql::AnalyticEuropeanEngine>(process_);
      case quantlib_engine::bjerksund_stensland_1993:
        return ql::ext::make_shared<ql::BjerksundStenslandApproximationEngine>(process_);
      case quantlib_engine::ju_quadratic:
        return ql::ext::make_shared<ql::JuQuadraticApproximationEngine>(process_);
      case quantlib_engine::qd_fp_accurate:
        return ql::ext::make_shared<ql::QdFpAmericanEngine>(
            process_, ql::QdFpAmericanEngine::accurateScheme());
      case quantlib_engine::qd_fp_high_precision:
        return ql::ext::make_shared<ql::QdFpAmericanEngine>(
            process_, ql::QdFpAmericanEngine::highPrecisionScheme());
    }
    return nullptr;
  }

  ql::Date today_{15, ql::May, 2024};
  ql::ext::shared_ptr<ql::SimpleQuote> spot_ = ql::ext::make_shared<ql::SimpleQuote>(100);
  ql::ext::shared_ptr<ql::SimpleQuote> rate_ = ql::ext::make_shared<ql::SimpleQuote>(0);
  ql::ext::shared_ptr<ql::SimpleQuote> div_yield_ = ql::ext::make_shared<ql::SimpleQuote>(0);
  ql::ext::shared_ptr<ql::SimpleQuote> vol_ = ql::ext::make_shared<ql::SimpleQuote>(0.2);
  ql::ext::shared_ptr<ql::BlackScholesMertonProcess> process_;
};

}  // namespace pmrisk::testing
